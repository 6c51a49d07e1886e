//! Which names hold credentials. One definition serves variables, auth
//! parameters, headers, query parameters and body fields: a value named like a
//! credential is a secret, wherever it appears.

/// Endings of a name, lower-cased with separators removed, that make it a
/// credential: `password`, `db_password`, `client_secret`, `refreshToken`,
/// `X-API-Key`, `Proxy-Authorization`, `privateKey`. A name only *starting*
/// with one is not (`tokenUrl`, `token_type`, `passwordPolicy`).
const CREDENTIAL_ENDINGS: &[&str] = &[
    "password",
    "passwd",
    "pwd",
    "passphrase",
    "secret",
    "token",
    "apikey",
    "privatekey",
    "secretkey",
    "accesskey",
    "authkey",
    "authorization",
    "credential",
    "credentials",
];

/// Whether values under this name are credentials.
pub fn is_credential_name(name: &str) -> bool {
    // Every header and variable of every request is asked: an ASCII name (the
    // usual one) is folded on the stack. Others go the long way, since a
    // non-ASCII letter can lower-case to an ASCII one (KELVIN SIGN to `k`).
    if name.is_ascii() && name.len() <= 64 {
        let mut buf = [0u8; 64];
        let mut n = 0;
        for b in name.bytes().filter(u8::is_ascii_alphanumeric) {
            buf[n] = b.to_ascii_lowercase();
            n += 1;
        }
        let folded = &buf[..n];
        return folded != b"postmantoken"
            && CREDENTIAL_ENDINGS
                .iter()
                .any(|end| folded.ends_with(end.as_bytes()));
    }
    let mut folded = String::with_capacity(name.len());
    folded.extend(
        name.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase),
    );
    // `Postman-Token` is a random id newman gives each request, no credential.
    folded != "postmantoken" && CREDENTIAL_ENDINGS.iter().any(|end| folded.ends_with(end))
}

/// What counts as secret in a run: variables typed `secret`, names like
/// credentials, and names the user adds (`--secret NAME`). With `off`
/// (`--no-mask`) nothing does.
#[derive(Debug, Clone, Default)]
pub struct SecretNames {
    /// Names given with `--secret`, compared without regard to case.
    pub extra: Vec<String>,
    /// `--no-mask`.
    pub off: bool,
}

impl SecretNames {
    /// Whether a value under this name is a secret.
    pub fn covers(&self, name: &str) -> bool {
        !self.off
            && (is_credential_name(name) || self.extra.iter().any(|n| n.eq_ignore_ascii_case(name)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credential_names_end_like_credentials() {
        for name in [
            "password",
            "passwd",
            "userPassword",
            "secret",
            "client_secret",
            "clientSecret",
            "refresh_token",
            "access_token",
            "accessToken",
            "id_token",
            "token",
            "apiKey",
            "api_key",
            "X-API-Key",
            "authorization",
            "Proxy-Authorization",
            "private_key",
            "AWS_SECRET_ACCESS_KEY",
            "ssh_passphrase",
            "Postman-Token-Secret",
            "ÜBER_password",
            // KELVIN SIGN lower-cases to an ASCII `k`.
            "api\u{212A}ey",
            "a_name_longer_than_sixty_four_bytes_of_ascii_that_ends_in_a_refresh_token",
        ] {
            assert!(is_credential_name(name), "{name}");
        }
        for name in [
            "tokenUrl",
            "token_type",
            "passwordPolicy",
            "username",
            "client_id",
            "tenantName",
            "expires_in",
            "keyId",
            "Postman-Token",
            "postman_token",
            "passwörter",
            "a_name_longer_than_sixty_four_bytes_of_ascii_that_ends_in_a_token_url",
        ] {
            assert!(!is_credential_name(name), "{name}");
        }
    }

    #[test]
    fn extra_names_and_off() {
        let names = SecretNames {
            extra: vec!["otp".into()],
            off: false,
        };
        assert!(names.covers("OTP") && names.covers("password") && !names.covers("user"));
        let off = SecretNames {
            extra: vec!["otp".into()],
            off: true,
        };
        assert!(!off.covers("password") && !off.covers("otp"));
    }
}
