//! README.md's quick start is what CI runs (`.ci/run` reads it out of the
//! README), so its shape is pinned here.

use std::path::Path;

/// The commands of the first ```sh block under "## Quick start": the same
/// rule `.ci/run` applies (blank lines and `#` comments are not commands).
fn quick_start(readme: &str) -> Vec<String> {
    let section = readme
        .split("\n## ")
        .find(|s| s.starts_with("Quick start"))
        .expect("README.md has a '## Quick start' section");
    let block = section
        .split_once("```sh\n")
        .and_then(|(_, rest)| rest.split_once("\n```"))
        .map(|(block, _)| block)
        .expect("the quick start has a ```sh block");
    block
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_string)
        .collect()
}

#[test]
fn quick_start_is_exactly_two_commands_and_ci_runs_them() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let commands = quick_start(&readme);
    assert_eq!(
        commands.len(),
        2,
        "README's quick start must be two commands (set up everything, run the tests): {commands:?}"
    );
    assert!(
        commands[1].starts_with("cargo test"),
        "the second command runs the test suite: {:?}",
        commands[1]
    );
    // CI takes its commands from the README instead of carrying its own copy.
    let ci = std::fs::read_to_string(root.join(".ci/run")).unwrap();
    assert!(
        ci.contains("## Quick start"),
        ".ci/run reads README's quick start"
    );
    for command in &commands {
        assert!(
            !ci.contains(command.as_str()),
            ".ci/run has its own copy of {command:?}; it must run README's"
        );
    }
}

#[test]
fn quick_start_rule_ignores_comments_and_blank_lines() {
    let readme = "# x\n\n## Quick start\n\ntext\n\n```sh\n# set up\n./a\n\nb --c\n```\n\n```sh\nnot this\n```\n## Next\n";
    assert_eq!(quick_start(readme), ["./a", "b --c"]);
}
