//! Compressed response bodies (`Content-Encoding: gzip, deflate, br`) decoded as
//! newman decodes them, also when the server compresses without being asked.

use crate::setting::Setting;
use std::io::Read;

/// The most a compressed body may grow to once decoded when `--max-response-size`
/// is not given: 64 MiB. A body that decodes to more (a compression bomb) is that
/// request's error. With the flag, its value is the limit, decoded or not.
pub const MAX_DECODED_BYTES: u64 = 64 * 1024 * 1024;

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum DecodeError {
    #[error("the {encoding} response body decompresses to more than {}, {}; not read further", size(*.limit), if *.chosen { format!("the {} limit", Setting::MaxResponseSize) } else { format!("the limit without {}", Setting::MaxResponseSize) })]
    TooLarge {
        encoding: String,
        limit: u64,
        /// Whether the limit is the user's `--max-response-size`.
        chosen: bool,
    },
    #[error("cannot decompress the {encoding} response body: {reason}")]
    Corrupt { encoding: String, reason: String },
}

/// `64 MiB` for whole mebibytes, else the bytes: as a user would write the limit.
fn size(bytes: u64) -> String {
    const MIB: u64 = 1024 * 1024;
    if bytes.is_multiple_of(MIB) {
        format!("{} MiB", bytes / MIB)
    } else {
        format!("{bytes} bytes")
    }
}

/// The body with every encoding `content_encoding` names undone (the last applied
/// first). Encodings postie does not know, and `identity`, are left as they are.
/// `max_bytes` is `--max-response-size`.
pub fn decode(
    content_encoding: &str,
    body: Vec<u8>,
    max_bytes: Option<u64>,
) -> Result<Vec<u8>, DecodeError> {
    let limit = Limit {
        bytes: max_bytes.unwrap_or(MAX_DECODED_BYTES),
        chosen: max_bytes.is_some(),
    };
    let mut body = body;
    for encoding in content_encoding
        .rsplit(',')
        .map(|e| e.trim().to_ascii_lowercase())
    {
        if body.is_empty() {
            break;
        }
        body = match encoding.as_str() {
            "gzip" | "x-gzip" => read_all(
                flate2::read::MultiGzDecoder::new(&body[..]),
                &encoding,
                limit,
            )?,
            // Servers send deflate as zlib (RFC 9110) or, wrongly, as a bare stream.
            "deflate" => {
                match read_all(flate2::read::ZlibDecoder::new(&body[..]), &encoding, limit) {
                    Err(DecodeError::Corrupt { .. }) => read_all(
                        flate2::read::DeflateDecoder::new(&body[..]),
                        &encoding,
                        limit,
                    )?,
                    other => other?,
                }
            }
            "br" => read_all(
                brotli_decompressor::Decompressor::new(&body[..], 64 * 1024),
                &encoding,
                limit,
            )?,
            _ => body,
        };
    }
    Ok(body)
}

#[derive(Clone, Copy)]
struct Limit {
    bytes: u64,
    chosen: bool,
}

fn read_all(reader: impl Read, encoding: &str, limit: Limit) -> Result<Vec<u8>, DecodeError> {
    let mut out = Vec::new();
    reader
        .take(limit.bytes + 1)
        .read_to_end(&mut out)
        .map_err(|e| DecodeError::Corrupt {
            encoding: encoding.to_string(),
            reason: e.to_string(),
        })?;
    if out.len() as u64 > limit.bytes {
        return Err(DecodeError::TooLarge {
            encoding: encoding.to_string(),
            limit: limit.bytes,
            chosen: limit.chosen,
        });
    }
    Ok(out)
}
