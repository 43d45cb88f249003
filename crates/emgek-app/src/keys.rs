//! The numbers records carry from the files a ministry keeps (a producer's register number, an
//! application's or a contract's number), by which a file imported twice adds nothing.

use emgek_domain::FieldError;

/// The longest register number of a record brought from a file, in characters.
pub const MAX_REFERENCE: usize = 60;

/// A register number as a file gives it: `None` if blank; letters, digits, `-` `/` `.` `_` and
/// spaces inside, at most [`MAX_REFERENCE`] characters (`reference.format`, on `field`).
pub fn register_ref(errors: &mut Vec<FieldError>, field: &str, text: &str) -> Option<String> {
    let t = text.trim();
    if t.is_empty() {
        return None;
    }
    let fits = t.chars().count() <= MAX_REFERENCE
        && t.chars().all(|c| c.is_alphanumeric() || matches!(c, '-' | '/' | '.' | '_' | ' '));
    if !fits {
        errors.push(FieldError::new(field, "reference.format", t));
    }
    fits.then(|| t.to_string())
}

/// A register number a row must give (`text.required` when blank).
pub fn required_ref(errors: &mut Vec<FieldError>, field: &str, text: &str) -> Option<String> {
    if text.trim().is_empty() {
        errors.push(FieldError::new(field, "text.required", ""));
        return None;
    }
    register_ref(errors, field, text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_register_number_keeps_its_inner_spaces_and_refuses_other_signs_and_length() {
        let mut errors = Vec::new();
        assert_eq!(register_ref(&mut errors, "f", "  SC-2024 / 7 "), Some("SC-2024 / 7".into()));
        assert_eq!(register_ref(&mut errors, "f", "   "), None);
        assert!(errors.is_empty());
        assert_eq!(register_ref(&mut errors, "f", "A;B"), None);
        assert_eq!(register_ref(&mut errors, "f", &"9".repeat(MAX_REFERENCE + 1)), None);
        assert_eq!(required_ref(&mut errors, "g", ""), None);
        let rules: Vec<_> = errors.iter().map(|e| (e.field.as_str(), e.rule)).collect();
        assert_eq!(rules, [("f", "reference.format"), ("f", "reference.format"), ("g", "text.required")]);
    }
}
