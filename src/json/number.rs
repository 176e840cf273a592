//! Decimal text → the nearest f64 (placeholder: core's parser until the small one lands).

/// The f64 nearest to the JSON number `text`, or `None` when it is not one.
pub fn parse(text: &str) -> Option<f64> {
    text.parse().ok()
}
