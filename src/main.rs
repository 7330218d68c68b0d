//! The queuectl binary: run the CLI and exit with its code.

fn main() -> std::process::ExitCode {
    let exit = queuectl::commands::run(std::env::args_os());
    std::process::ExitCode::from(exit.code() as u8)
}
