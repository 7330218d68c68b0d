//! Priority names and customer tiers (critical=1 … bulk=5; lower runs first).

/// The largest priority BullMQ accepts (2^21).
pub const MAX_PRIORITY: u64 = 2_097_152;

const NAMES: [(&str, u32); 5] = [
    ("critical", 1),
    ("high", 2),
    ("normal", 3),
    ("low", 4),
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

/// The priority for a customer: new or premium → high, standard → normal, else low.
pub fn for_customer(new_customer: bool, tier: Option<&str>) -> Result<u32, String> {
    if new_customer {
        return Ok(2);
    }
    match tier.map(str::to_ascii_lowercase).as_deref() {
        Some("premium") => Ok(2),
        Some("standard") => Ok(3),
        Some("free") | None => Ok(4),
        Some(other) => Err(format!(
            "unknown tier '{other}' (expected premium, standard or free)"
        )),
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
        assert_eq!(for_customer(true, Some("free")), Ok(2));
        assert_eq!(for_customer(false, Some("premium")), Ok(2));
        assert_eq!(for_customer(false, Some("standard")), Ok(3));
        assert_eq!(for_customer(false, None), Ok(4));
        assert!(for_customer(false, Some("gold")).is_err());
    }
}
