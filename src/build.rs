//! Compiles the sandbox's embedded JavaScript (src/script/sources.rs) to QuickJS
//! bytecode, so a process loads it instead of parsing about 400 kB of source on
//! its first script run. The bytecode comes from the same QuickJS version, with
//! the same flags, as the process would use itself (the crate's unit test
//! `embedded_bytecode_is_what_the_process_would_compile` checks it).

use std::fmt::Write as _;
use std::path::PathBuf;

#[allow(dead_code)]
mod sources {
    include!("script/sources.rs");
}

fn main() {
    println!("cargo:rerun-if-changed=src/script/sources.rs");
    println!("cargo:rerun-if-changed=src/script/js");
    println!("cargo:rerun-if-changed=src/build.rs");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("OUT_DIR"));
    let rt = rquickjs::Runtime::new().expect("QuickJS runtime");
    let ctx = rquickjs::Context::full(&rt).expect("QuickJS context");
    // QuickJS writes bytecode in the building machine's byte order and word size.
    // A build for a target that differs in either (a big-endian or 32-bit target
    // built elsewhere) embeds none: the process compiles each source on first
    // use, as it would without this step.
    let same = |var: &str, host: &str| std::env::var(var).is_ok_and(|v| v == host);
    let host_endian = if cfg!(target_endian = "little") {
        "little"
    } else {
        "big"
    };
    let host_width = (usize::BITS).to_string();
    let embed = same("CARGO_CFG_TARGET_ENDIAN", host_endian)
        && same("CARGO_CFG_TARGET_POINTER_WIDTH", &host_width);
    let mut table = format!(
        "/// Whether build.rs compiled the embedded sources for this target.\n\
         #[cfg(test)]\n\
         pub(crate) const BYTECODE_EMBEDDED: bool = {embed};\n\
         /// Bytecode of the embedded sources, by cache key, compiled by build.rs.\n\
         pub(crate) static EMBEDDED: &[(&str, &[u8])] = &[\n"
    );
    ctx.with(|ctx| {
        if !embed {
            return;
        }
        for (i, (key, file, source)) in sources::embedded_sources().into_iter().enumerate() {
            let code = match sources::compile(&ctx, &source, &file) {
                Ok(code) => code,
                Err(e) => {
                    let detail: String = ctx
                        .catch()
                        .as_object()
                        .and_then(|o| o.get::<_, String>("message").ok())
                        .unwrap_or_default();
                    panic!("{file} does not compile: {e} {detail}");
                }
            };
            let name = format!("embedded-{i}.qjsbc");
            std::fs::write(out.join(&name), code).expect("write bytecode");
            writeln!(
                table,
                "    ({key:?}, include_bytes!(concat!(env!(\"OUT_DIR\"), \"/{name}\"))),"
            )
            .unwrap();
        }
    });
    table.push_str("];\n");
    std::fs::write(out.join("embedded_bytecode.rs"), table).expect("write table");
}
