//! A receipt's photo or scan as HTTP hands it over, to the API and the pages alike.

/// Bodies up to this size reach the receipt checks, which name a file that is too large; a
/// larger body is cut off with 413.
pub const RECEIPT_BODY_LIMIT: usize = emgek_domain::social_contract::monitoring::RECEIPT_MAX_BYTES + 1024 * 1024;

/// The answer that hands a receipt to the reader: shown in the browser, kept by no cache, and
/// named in a way every browser reads (the original name, UTF-8, percent-encoded).
pub fn response(row: &emgek_store::programmes::ReceiptRow, content: Vec<u8>) -> axum::response::Response {
    use axum::http::header;
    use axum::response::IntoResponse;
    let encoded: String = row
        .file_name
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect();
    let ext = match row.content_type.as_str() {
        "image/jpeg" => "jpg",
        "image/png" => "png",
        _ => "pdf",
    };
    let disposition =
        format!("inline; filename=\"receipt-{}.{ext}\"; filename*=UTF-8''{encoded}", row.report_receipt_id);
    (
        [
            (header::CONTENT_TYPE, row.content_type.clone()),
            (header::CONTENT_DISPOSITION, disposition),
            (header::CACHE_CONTROL, "no-store".to_string()),
            // A file, not a page: browsers' own viewers must be free to show it.
            (header::CONTENT_SECURITY_POLICY, "frame-ancestors 'none'".to_string()),
        ],
        content,
    )
        .into_response()
}
