//! Confirmation prompts for destructive commands (dialoguer, on stderr).

use dialoguer::{Confirm, Input};

use super::escape;
use crate::error::UsageError;

/// What the user decided about a destructive change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// Go ahead.
    Proceed,
    /// The user said no at the prompt: change nothing, exit 0.
    Declined,
}

/// Asks `question` with a default of "no". `--yes` skips the prompt; without
/// a person to answer (`interactive` false) and without `--yes` this refuses
/// with a usage error (exit 2).
pub fn confirm(question: &str, yes: bool, interactive: bool) -> Result<Decision, UsageError> {
    if yes {
        return Ok(Decision::Proceed);
    }
    if !interactive {
        return Err(refusal());
    }
    let answer = Confirm::new()
        .with_prompt(escape::line(question))
        .default(false)
        .interact()
        .map_err(|e| UsageError::new(format!("could not read the answer: {e}")))?;
    Ok(if answer {
        Decision::Proceed
    } else {
        Decision::Declined
    })
}

/// Asks the user to type `expected` (a queue name) to go ahead; `--yes` skips it.
pub fn confirm_typed(
    question: &str,
    expected: &str,
    yes: bool,
    interactive: bool,
) -> Result<Decision, UsageError> {
    if yes {
        return Ok(Decision::Proceed);
    }
    if !interactive {
        return Err(refusal());
    }
    let typed: String = Input::new()
        .with_prompt(format!(
            "{} Type `{}` to confirm",
            escape::line(question),
            escape::line(expected)
        ))
        .allow_empty(true)
        .interact_text()
        .map_err(|e| UsageError::new(format!("could not read the answer: {e}")))?;
    Ok(if typed.trim() == expected {
        Decision::Proceed
    } else {
        Decision::Declined
    })
}

fn refusal() -> UsageError {
    UsageError::new(
        "refusing to change anything without confirmation: stdin is not a terminal; \
         pass --yes to go ahead, or --dry-run to preview",
    )
}
