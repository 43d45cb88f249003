-- Receipts attached to monthly reports: photos or scans, kept in the database so that a backup
-- holds them and every application server sees them.

CREATE TABLE report_receipts (
    report_receipt_id INTEGER PRIMARY KEY,
    monthly_report_id BIGINT NOT NULL REFERENCES monthly_reports (monthly_report_id),
    file_name         TEXT NOT NULL,         -- as uploaded, shortened; shown, never used as a path
    content_type      TEXT NOT NULL,         -- image/jpeg | image/png | application/pdf, read from the bytes
    size_bytes        BIGINT NOT NULL,
    sha256            TEXT NOT NULL,         -- hex: the same file attached twice to a report is one receipt
    content           BLOB NOT NULL,
    created_by        TEXT NOT NULL,
    created_at        TEXT NOT NULL,
    CONSTRAINT report_receipts_unique UNIQUE (monthly_report_id, sha256)
);
