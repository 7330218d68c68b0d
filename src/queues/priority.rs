//! Priority names and customer tiers (critical=1 … bulk=5; lower runs first).

/// The largest priority BullMQ accepts (2^21).
pub const MAX_PRIORITY: u64 = 2_097_152;

/// The `high` priority.
pub const HIGH: u32 = 2;
/// The `normal` priority.
pub const NORMAL: u32 = 3;
/// The `low` priority.
pub const LOW: u32 = 4;

const NAMES: [(&str, u32); 5] = [
    ("critical", 1),
    ("high", HIGH),
    ("normal", NORMAL),
    ("low", LOW),
    ("bulk", 5),
];

/// Parses a priority name or number.
pub fn parse(text: &str) -> Result<u32, String> {
    let text = text.trim();
    if let Some((_, p)) = NAMES.iter().find(|(n, _)| n.eq_ignore_ascii_case(text)) {
        return Ok(*p);
    }
    match text.parse::<u64>() {
        Ok(n) => from_number(n),
        Err(_) => Err(format!(
            "unknown priority '{text}' (expected critical, high, normal, low, bulk or 1..{MAX_PRIORITY})"
        )),
    }
}

/// Checks a numeric priority's range.
pub fn from_number(n: u64) -> Result<u32, String> {
    if (1..=MAX_PRIORITY).contains(&n) {
        Ok(n as u32)
    } else {
        Err(format!("priority {n} is out of range 1..{MAX_PRIORITY}"))
    }
}

/// A customer's tier.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tier {
    Premium,
    Standard,
    Free,
}

impl Tier {
    /// Parses a tier name, in any case.
    pub fn parse(text: &str) -> Result<Tier, String> {
        match text.to_ascii_lowercase().as_str() {
            "premium" => Ok(Tier::Premium),
            "standard" => Ok(Tier::Standard),
            "free" => Ok(Tier::Free),
            other => Err(format!(
                "unknown tier '{other}' (expected premium, standard or free)"
            )),
        }
    }
}

/// The priority for a customer: new or premium → high, standard → normal, else low.
pub fn for_customer(new_customer: bool, tier: Option<Tier>) -> u32 {
    match (new_customer, tier) {
        (true, _) | (false, Some(Tier::Premium)) => HIGH,
        (false, Some(Tier::Standard)) => NORMAL,
        (false, Some(Tier::Free) | None) => LOW,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_numbers() {
        assert_eq!(parse("critical"), Ok(1));
        assert_eq!(parse("BULK"), Ok(5));
        assert_eq!(parse("2097152"), Ok(2_097_152));
        assert!(parse("0").is_err());
        assert!(parse("2097153").is_err());
        assert!(parse("urgent").unwrap_err().contains("unknown priority"));
    }

    #[test]
    fn customer_tiers() {
        assert_eq!(for_customer(true, Some(Tier::Free)), 2);
        assert_eq!(for_customer(false, Some(Tier::Premium)), 2);
        assert_eq!(for_customer(false, Some(Tier::Standard)), 3);
        assert_eq!(for_customer(false, None), 4);
        assert_eq!(Tier::parse("FREE"), Ok(Tier::Free));
        assert!(Tier::parse("gold").unwrap_err().contains("unknown tier"));
    }
}
