//! Exit codes. 1 keeps newman's meaning so CI scripts keep working; the others
//! tell a broken setup apart from failing tests.

/// Every test, script and request passed (or `-x`).
pub const OK: i32 = 0;
/// An assertion failed, a script threw, or a request got no response.
pub const FAILED: i32 = 1;
/// The command line was wrong (clap's own code).
pub const USAGE: i32 = 2;
/// An input file could not be read or is not what was expected.
pub const INPUT: i32 = 3;
/// A report or export could not be written.
pub const OUTPUT: i32 = 4;
/// The mock server could not listen: port in use, address not on this machine, permission denied.
pub const LISTEN: i32 = 5;
/// Something in postie broke (a bug): the message says what.
pub const INTERNAL: i32 = 70;
