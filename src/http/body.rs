//! Reading a response body chunk by chunk, so that `--max-response-size` stops a
//! body that never ends before it fills memory, and `--timeout-request` bounds
//! each wait for more of it (as newman's socket timeout does), not the whole
//! download: a large body that keeps arriving is not cut off.

use super::fault::{self, Phase, Progress};
use super::types::RequestError;
use std::time::Duration;

/// What a body may cost.
#[derive(Debug, Clone, Copy, Default)]
pub struct Limits {
    /// `--max-response-size`: the most bytes kept; `None` keeps everything.
    pub max_bytes: Option<u64>,
    /// `--timeout-request`: the longest wait for the next bytes.
    pub idle: Option<Duration>,
}

/// Bytes allocated up front at most, whatever `Content-Length` claims.
const FIRST_ALLOCATION: u64 = 1 << 20;

/// The whole body of `response`, from `host:port`, or why it could not be read.
pub async fn read(
    response: &mut reqwest::Response,
    limits: Limits,
    host: &str,
    port: u16,
) -> Result<Vec<u8>, RequestError> {
    let declared = response.content_length();
    let mut body = Vec::with_capacity(declared.unwrap_or(0).min(FIRST_ALLOCATION) as usize);
    loop {
        let progress = Progress {
            received: body.len() as u64,
            declared,
        };
        let next = match limits.idle {
            Some(idle) => tokio::time::timeout(idle, response.chunk())
                .await
                .map_err(|_| fault::timed_out(host, port, idle, Phase::Body(progress)))?,
            None => response.chunk().await,
        };
        match next {
            Ok(Some(chunk)) => {
                if let Some(limit) = limits.max_bytes {
                    if body.len() as u64 + chunk.len() as u64 > limit {
                        return Err(RequestError::TooLarge { limit, declared });
                    }
                }
                body.extend_from_slice(&chunk);
            }
            Ok(None) => return Ok(body),
            Err(e) => return Err(fault::classify(&e, host, port, Phase::Body(progress))),
        }
    }
}
