//! NTLM as newman does it (the `httpntlm` messages): a negotiate message
//! (type 1) after the server's `WWW-Authenticate: NTLM`, then the authenticate
//! message (type 3, NTLMv1 responses) to its challenge (type 2). The exchange
//! happens in the send path: see [`super::Handshake`].

use base64::Engine;

const TYPE1_FLAGS: u32 = 0x0000_0001
    | 0x0000_0002
    | 0x0000_0004
    | 0x0000_0200
    | 0x0000_1000
    | 0x0000_2000
    | 0x0000_8000
    | 0x0008_0000
    | 0x0200_0000
    | 0x2000_0000
    | 0x8000_0000;
const TYPE2_FLAGS: u32 = 0x0000_0001
    | 0x0000_0004
    | 0x0000_0200
    | 0x0000_8000
    | 0x0008_0000
    | 0x0080_0000
    | 0x0200_0000
    | 0x2000_0000
    | 0x8000_0000;
const VERSION: [u8; 8] = [5, 1, 0x28, 0x0a, 0, 0, 0, 15];

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// The credentials, the domain taken from `DOMAIN\user` or `user@domain` when
/// none is given.
#[derive(Debug, Clone, Default)]
pub struct Credentials {
    pub username: String,
    pub password: String,
    pub domain: String,
    pub workstation: String,
}

impl Credentials {
    pub fn new(username: &str, password: &str, domain: &str, workstation: &str) -> Credentials {
        let (mut user, mut dom) = (username.to_string(), domain.to_string());
        if dom.is_empty() {
            let down_level = username.split_once('\\');
            let upn = username.split_once('@');
            match (down_level, upn) {
                (Some((d, u)), None) => (dom, user) = (d.into(), u.into()),
                (None, Some((u, d))) => (user, dom) = (u.into(), d.into()),
                _ => {}
            }
        }
        Credentials {
            username: user,
            password: password.into(),
            domain: dom,
            workstation: workstation.into(),
        }
    }
}

/// `NTLM <base64>` of the negotiate message.
pub fn type1(c: &Credentials) -> String {
    let domain = c.domain.to_uppercase();
    let workstation = c.workstation.to_uppercase();
    let mut flags = TYPE1_FLAGS;
    if domain.is_empty() {
        flags -= 0x0000_1000;
    }
    let mut buf = b"NTLMSSP\0".to_vec();
    buf.extend(1u32.to_le_bytes());
    buf.extend(flags.to_le_bytes());
    let (dl, wl) = (domain.len() as u16, workstation.len() as u16);
    buf.extend(dl.to_le_bytes());
    buf.extend(dl.to_le_bytes());
    buf.extend((40 + wl as u32).to_le_bytes());
    buf.extend(wl.to_le_bytes());
    buf.extend(wl.to_le_bytes());
    buf.extend(40u32.to_le_bytes());
    buf.extend(VERSION);
    buf.extend(workstation.as_bytes());
    buf.extend(domain.as_bytes());
    format!("NTLM {}", b64(&buf))
}

/// Seven bytes spread over a DES key's eight (a zero bit after every seven).
fn des_key(seven: &[u8]) -> [u8; 8] {
    let mut bits: u64 = 0;
    for b in seven {
        bits = (bits << 8) | *b as u64;
    }
    let mut key = [0u8; 8];
    for (i, k) in key.iter_mut().enumerate() {
        *k = (((bits >> (49 - 7 * i)) & 0x7f) as u8) << 1;
    }
    key
}

fn des_encrypt(seven: &[u8], block: &[u8]) -> [u8; 8] {
    use des::cipher::{BlockEncrypt, KeyInit};
    let cipher = des::Des::new_from_slice(&des_key(seven)).expect("8-byte key");
    let mut b = des::cipher::generic_array::GenericArray::clone_from_slice(&block[..8]);
    cipher.encrypt_block(&mut b);
    b.into()
}

fn lm_hash(password: &str) -> Vec<u8> {
    let mut padded = [0u8; 14];
    for (i, b) in password.to_uppercase().bytes().take(14).enumerate() {
        padded[i] = b;
    }
    let mut out = des_encrypt(&padded[..7], b"KGS!@#$%").to_vec();
    out.extend(des_encrypt(&padded[7..], b"KGS!@#$%"));
    out
}

fn nt_hash(password: &str) -> Vec<u8> {
    use md4::{Digest, Md4};
    let utf16: Vec<u8> = password.encode_utf16().flat_map(u16::to_le_bytes).collect();
    Md4::digest(&utf16).to_vec()
}

fn response(hash: &[u8], challenge: &[u8]) -> Vec<u8> {
    let mut padded = [0u8; 21];
    padded[..hash.len()].copy_from_slice(hash);
    let mut out = Vec::new();
    for i in 0..3 {
        out.extend(des_encrypt(&padded[i * 7..i * 7 + 7], challenge));
    }
    out
}

/// The server's challenge and flags, from `NTLM <base64>` of a type 2 message.
pub fn parse_type2(header: &str) -> Option<([u8; 8], u32)> {
    let msg = header.trim().strip_prefix("NTLM ")?;
    let buf = base64::engine::general_purpose::STANDARD
        .decode(msg.trim())
        .ok()?;
    if buf.len() < 32 || buf[8] != 2 {
        return None;
    }
    let flags = u32::from_le_bytes(buf[20..24].try_into().ok()?);
    Some((buf[24..32].try_into().ok()?, flags))
}

/// `NTLM <base64>` of the authenticate message answering `challenge`, or
/// `None` when the server asks for extended security, which postie does not
/// answer yet.
pub fn type3(c: &Credentials, challenge: &[u8; 8], flags: u32) -> Option<String> {
    if flags & 0x0008_0000 != 0 {
        return None;
    }
    let unicode = flags & 1 != 0;
    let enc = |s: &str| -> Vec<u8> {
        if unicode {
            s.encode_utf16().flat_map(u16::to_le_bytes).collect()
        } else {
            s.bytes().collect()
        }
    };
    let (domain, user, ws) = (
        enc(&c.domain.to_uppercase()),
        enc(&c.username),
        enc(&c.workstation.to_uppercase()),
    );
    let lm = response(&lm_hash(&c.password), challenge);
    let nt = response(&nt_hash(&c.password), challenge);
    let base = 72 + domain.len() + user.len() + ws.len();
    let mut buf = b"NTLMSSP\0".to_vec();
    buf.extend(3u32.to_le_bytes());
    let field = |buf: &mut Vec<u8>, len: usize, offset: usize| {
        buf.extend((len as u16).to_le_bytes());
        buf.extend((len as u16).to_le_bytes());
        buf.extend((offset as u32).to_le_bytes());
    };
    field(&mut buf, lm.len(), base);
    field(&mut buf, nt.len(), base + lm.len());
    field(&mut buf, domain.len(), 72);
    field(&mut buf, user.len(), 72 + domain.len());
    field(&mut buf, ws.len(), 72 + domain.len() + user.len());
    field(&mut buf, 0, base + lm.len() + nt.len());
    let flags_out = if unicode {
        TYPE2_FLAGS
    } else {
        TYPE2_FLAGS - 1
    };
    buf.extend(flags_out.to_le_bytes());
    buf.extend(VERSION);
    for part in [domain, user, ws, lm, nt] {
        buf.extend(part);
    }
    Some(format!("NTLM {}", b64(&buf)))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The LM and NT hashes of "Password" from [MS-NLMP] 4.2.2.1.
    #[test]
    fn ms_nlmp_hashes() {
        assert_eq!(
            hex::encode(lm_hash("Password")),
            "e52cac67419a9a224a3b108f3fa6cb6d"
        );
        assert_eq!(
            hex::encode(nt_hash("Password")),
            "a4f49c406510bdcab6824ee7c30fd852"
        );
    }

    /// [MS-NLMP] 4.2.2.2: the NTLMv1 responses to challenge 0123456789abcdef.
    #[test]
    fn ms_nlmp_v1_responses() {
        let challenge = [0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef];
        assert_eq!(
            hex::encode(response(&nt_hash("Password"), &challenge)),
            "67c43011f30298a2ad35ece64f16331c44bdbed927841f94"
        );
        assert_eq!(
            hex::encode(response(&lm_hash("Password"), &challenge)),
            "98def7b87f88aa5dafe2df779688a172def11c7d5ccdef13"
        );
    }
}
