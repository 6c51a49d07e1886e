//! Compressed response bodies (`Content-Encoding: gzip, deflate, br`) decoded as
//! newman decodes them, also when the server compresses without being asked.

use std::io::Read;

/// The most a compressed body may grow to once decoded: 64 MiB. A body that
/// decodes to more (a compression bomb) is that request's error.
pub const MAX_DECODED_BYTES: u64 = 64 * 1024 * 1024;

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum DecodeError {
    #[error("the {encoding} response body decompresses to more than {} MiB; not read further", MAX_DECODED_BYTES / (1024 * 1024))]
    TooLarge { encoding: String },
    #[error("cannot decompress the {encoding} response body: {reason}")]
    Corrupt { encoding: String, reason: String },
}

/// The body with every encoding `content_encoding` names undone (the last applied
/// first). Encodings postie does not know, and `identity`, are left as they are.
pub fn decode(content_encoding: &str, body: Vec<u8>) -> Result<Vec<u8>, DecodeError> {
    let mut body = body;
    for encoding in content_encoding
        .rsplit(',')
        .map(|e| e.trim().to_ascii_lowercase())
    {
        if body.is_empty() {
            break;
        }
        body = match encoding.as_str() {
            "gzip" | "x-gzip" => read_all(flate2::read::MultiGzDecoder::new(&body[..]), &encoding)?,
            // Servers send deflate as zlib (RFC 9110) or, wrongly, as a bare stream.
            "deflate" => match read_all(flate2::read::ZlibDecoder::new(&body[..]), &encoding) {
                Err(DecodeError::Corrupt { .. }) => {
                    read_all(flate2::read::DeflateDecoder::new(&body[..]), &encoding)?
                }
                other => other?,
            },
            "br" => read_all(
                brotli_decompressor::Decompressor::new(&body[..], 64 * 1024),
                &encoding,
            )?,
            _ => body,
        };
    }
    Ok(body)
}

fn read_all(reader: impl Read, encoding: &str) -> Result<Vec<u8>, DecodeError> {
    let mut out = Vec::new();
    reader
        .take(MAX_DECODED_BYTES + 1)
        .read_to_end(&mut out)
        .map_err(|e| DecodeError::Corrupt {
            encoding: encoding.to_string(),
            reason: e.to_string(),
        })?;
    if out.len() as u64 > MAX_DECODED_BYTES {
        return Err(DecodeError::TooLarge {
            encoding: encoding.to_string(),
        });
    }
    Ok(out)
}
