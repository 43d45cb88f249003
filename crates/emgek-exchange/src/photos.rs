//! Photos as the public catalogue may show them: without the metadata cameras and phones
//! write into them. A phone's photo of a family's felt or honey carries the GPS position of the
//! family's home in its EXIF block; the catalogue is read by anyone, so every photo is stored
//! without it. The picture itself is kept byte for byte: only metadata segments (JPEG) or
//! chunks (PNG) are dropped, so nothing is re-encoded and no quality is lost.

/// Why a photo could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PhotoError {
    #[error("the file is not a whole JPEG or PNG image")]
    Malformed,
}

/// The photo without EXIF, XMP, IPTC, comments or text chunks.
pub fn without_metadata(bytes: &[u8]) -> Result<Vec<u8>, PhotoError> {
    if bytes.starts_with(&[0xFF, 0xD8]) {
        jpeg(bytes)
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        png(bytes)
    } else {
        Err(PhotoError::Malformed)
    }
}

/// JPEG: markers up to the start of the scan, each `FF xx` with a big-endian length that counts
/// itself. APP1 (EXIF, XMP), APP2–APP15 but for colour profiles (APP2 `ICC_PROFILE`) and
/// comments are dropped; the scan and what follows it are kept as they are.
fn jpeg(bytes: &[u8]) -> Result<Vec<u8>, PhotoError> {
    let mut out = Vec::with_capacity(bytes.len());
    out.extend_from_slice(&bytes[..2]);
    let mut at = 2;
    loop {
        let marker = *bytes.get(at + 1).filter(|_| bytes[at] == 0xFF).ok_or(PhotoError::Malformed)?;
        // Fill bytes before a marker.
        if marker == 0xFF {
            at += 1;
            continue;
        }
        // Start of scan: the rest is image data.
        if marker == 0xDA {
            out.extend_from_slice(&bytes[at..]);
            return Ok(out);
        }
        if marker == 0xD9 || (0xD0..=0xD7).contains(&marker) || marker == 0x01 {
            out.extend_from_slice(&bytes[at..at + 2]);
            at += 2;
            continue;
        }
        let len = bytes.get(at + 2..at + 4).map(|l| usize::from(u16::from_be_bytes([l[0], l[1]])));
        let end = len.filter(|l| *l >= 2).map(|l| at + 2 + l).filter(|e| *e <= bytes.len());
        let end = end.ok_or(PhotoError::Malformed)?;
        let colour_profile = marker == 0xE2 && bytes[at + 4..end].starts_with(b"ICC_PROFILE\0");
        let metadata = marker == 0xFE || ((0xE1..=0xEF).contains(&marker) && !colour_profile);
        if !metadata {
            out.extend_from_slice(&bytes[at..end]);
        }
        at = end;
    }
}

/// PNG: chunks of a big-endian length, a type, the data and a CRC. Text and EXIF chunks are
/// dropped.
fn png(bytes: &[u8]) -> Result<Vec<u8>, PhotoError> {
    const DROPPED: [&[u8; 4]; 5] = [b"eXIf", b"tEXt", b"iTXt", b"zTXt", b"tIME"];
    let mut out = bytes[..8].to_vec();
    let mut at = 8;
    while at < bytes.len() {
        let head = bytes.get(at..at + 8).ok_or(PhotoError::Malformed)?;
        let len = usize::try_from(u32::from_be_bytes([head[0], head[1], head[2], head[3]]))
            .map_err(|_| PhotoError::Malformed)?;
        let end = at.checked_add(12).and_then(|e| e.checked_add(len)).filter(|e| *e <= bytes.len());
        let end = end.ok_or(PhotoError::Malformed)?;
        if !DROPPED.iter().any(|t| head[4..8] == t[..]) {
            out.extend_from_slice(&bytes[at..end]);
        }
        at = end;
        if &head[4..8] == b"IEND" {
            return Ok(out);
        }
    }
    Err(PhotoError::Malformed)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A JPEG's skeleton: SOI, an EXIF APP1 with a GPS tag's bytes, a comment, a quantisation
    /// table, a scan and EOI.
    fn jpeg_with_gps() -> Vec<u8> {
        let mut f = vec![0xFF, 0xD8];
        let exif = b"Exif\0\0GPS 42.87N 74.59E";
        f.extend_from_slice(&[0xFF, 0xE1, 0, (exif.len() + 2) as u8]);
        f.extend_from_slice(exif);
        f.extend_from_slice(&[0xFF, 0xFE, 0, 7, b'h', b'o', b'm', b'e', b'!']);
        f.extend_from_slice(&[0xFF, 0xDB, 0, 4, 1, 2]);
        f.extend_from_slice(&[0xFF, 0xDA, 0, 3, 9, 0xAB, 0xCD, 0xFF, 0xD9]);
        f
    }

    #[test]
    fn a_jpegs_exif_and_comments_are_dropped_and_its_picture_kept() {
        let clean = without_metadata(&jpeg_with_gps()).unwrap();
        assert_eq!(clean, [0xFF, 0xD8, 0xFF, 0xDB, 0, 4, 1, 2, 0xFF, 0xDA, 0, 3, 9, 0xAB, 0xCD, 0xFF, 0xD9]);
        assert!(!clean.windows(3).any(|w| w == b"GPS"));
    }

    #[test]
    fn a_pngs_text_and_exif_chunks_are_dropped() {
        let chunk = |kind: &[u8; 4], data: &[u8]| {
            let mut c = (data.len() as u32).to_be_bytes().to_vec();
            c.extend_from_slice(kind);
            c.extend_from_slice(data);
            c.extend_from_slice(&[0, 0, 0, 0]);
            c
        };
        let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
        png.extend(chunk(b"IHDR", &[0; 13]));
        png.extend(chunk(b"eXIf", b"GPS"));
        png.extend(chunk(b"tEXt", b"Comment\0home"));
        png.extend(chunk(b"IDAT", &[1, 2, 3]));
        png.extend(chunk(b"IEND", &[]));
        let clean = without_metadata(&png).unwrap();
        assert!(!clean.windows(3).any(|w| w == b"GPS") && !clean.windows(4).any(|w| w == b"home"));
        assert!(clean.windows(4).any(|w| w == b"IDAT") && clean.ends_with(&[b'I', b'E', b'N', b'D', 0, 0, 0, 0]));
    }

    #[test]
    fn truncated_or_foreign_files_are_refused_not_a_crash() {
        let whole = jpeg_with_gps();
        // Cut anywhere before its scan, the file is refused.
        for cut in 0..whole.len() - 9 {
            assert!(without_metadata(&whole[..cut]).is_err(), "{cut}");
        }
        assert_eq!(without_metadata(b"GIF89a"), Err(PhotoError::Malformed));
        assert_eq!(without_metadata(&[0xFF, 0xD8, 0xFF, 0xE1, 0xFF, 0xFF]), Err(PhotoError::Malformed));
    }
}
