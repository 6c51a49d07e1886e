//! Random (version 4) UUIDs from the thread's random generator.
//!
//! A run makes a few per request (the `Postman-Token` header, the JSON
//! report's ids): `Uuid::new_v4` asks the kernel for 16 bytes each time, a
//! system call apiece, where `rand`'s thread generator (a CSPRNG seeded from
//! the kernel once) fills them in user space.

use rand::RngCore;
use uuid::{Builder, Uuid};

/// A new random UUID, with its version and variant bits set as `Uuid::new_v4` sets them.
pub fn new() -> Uuid {
    let mut bytes = [0u8; 16];
    rand::thread_rng().fill_bytes(&mut bytes);
    Builder::from_random_bytes(bytes).into_uuid()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn is_version_4_in_the_rfc_variant_and_never_the_same_twice() {
        let ids: Vec<Uuid> = (0..1000).map(|_| new()).collect();
        for id in &ids {
            assert_eq!(id.get_version(), Some(uuid::Version::Random));
            assert_eq!(id.get_variant(), uuid::Variant::RFC4122);
        }
        let distinct: std::collections::HashSet<_> = ids.iter().collect();
        assert_eq!(distinct.len(), ids.len());
    }
}
