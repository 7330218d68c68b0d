//! The queuectl binary: run the CLI and exit with its code.

// Bulk adds allocate and free many short-lived buffers; mimalloc halves that cost.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    let exit = queuectl::commands::run(std::env::args_os());
    std::process::ExitCode::from(exit.code() as u8)
}
