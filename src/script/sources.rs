// The JavaScript the sandbox embeds: the prelude, its pieces loaded on first
// use, and the libraries scripts `require`; and how they are compiled. Shared
// by the crate (src/script/modules.rs) and src/build.rs, which compiles each of them
// to QuickJS bytecode at build time, so both read the same text, joined, wrapped
// and compiled the same way, and the build's bytecode is what the process would
// have compiled itself. `include_str!` paths are relative to this file in both.

/// Joins the prelude's pieces (`js/sandbox/<name>.js`, one concept each) at
/// compile time into one function of `P`, so they share its scope and the
/// prelude is still compiled once per process; and names them, in that order.
macro_rules! sandbox_prelude {
    ($($piece:literal),+ $(,)?) => {
        /// The prelude every context gets: `(function (P) { ... })`.
        pub(crate) const PRELUDE: (&str, &str) = (
            "postie:sandbox.js",
            concat!(
                "(function (P) {\n'use strict';\n",
                $(include_str!(concat!("js/sandbox/", $piece, ".js")), "\n",)+
                "});\n"
            ),
        );
        #[cfg(test)]
        const PRELUDE_PIECES: &[&str] = &[$($piece),+];
    };
}

sandbox_prelude!(
    "common",
    "console",
    "timers",
    "host_ops",
    "require",
    "variables",
    "pm",
    "legacy",
    "lifecycle",
);

/// Prelude pieces loaded on first use (`P.host.prelude(name, P)`), same shape.
pub(crate) const PRELUDE_LAZY: &[(&str, &str, &str)] = &[
    (
        "inspect",
        "postie:inspect.js",
        include_str!("js/inspect.js"),
    ),
    (
        "postman",
        "postie:postman.js",
        include_str!("js/postman.js"),
    ),
];

/// A library scripts can `require` (or the sandbox loads for itself).
pub(crate) struct Builtin {
    pub name: &'static str,
    pub source: &'static str,
    /// Loaded by the sandbox only (`chai_postman`), not by scripts.
    pub internal: bool,
}

/// CommonJS module bodies under `src/script/js/`.
pub(crate) const BUILTINS: &[Builtin] = &[
    Builtin {
        name: "chai",
        source: include_str!("js/chai.js"),
        internal: false,
    },
    Builtin {
        name: "chai_postman",
        source: include_str!("js/chai_postman.js"),
        internal: true,
    },
    Builtin {
        name: "lodash",
        source: include_str!("js/lodash.js"),
        internal: false,
    },
    Builtin {
        name: "crypto-js",
        source: include_str!("js/crypto-js.js"),
        internal: false,
    },
    Builtin {
        name: "moment",
        source: include_str!("js/moment.js"),
        internal: false,
    },
    Builtin {
        name: "uuid",
        source: include_str!("js/uuid.js"),
        internal: false,
    },
    Builtin {
        name: "url",
        source: include_str!("js/url.js"),
        internal: false,
    },
    Builtin {
        name: "querystring",
        source: include_str!("js/querystring.js"),
        internal: false,
    },
    Builtin {
        name: "buffer",
        source: include_str!("js/buffer.js"),
        internal: false,
    },
    Builtin {
        name: "xml2js",
        source: include_str!("js/xml2js.js"),
        internal: false,
    },
    Builtin {
        name: "tv4",
        source: include_str!("js/tv4.js"),
        internal: false,
    },
    Builtin {
        name: "path",
        source: include_str!("js/path.js"),
        internal: false,
    },
    Builtin {
        name: "events",
        source: include_str!("js/events.js"),
        internal: false,
    },
    Builtin {
        name: "assert",
        source: include_str!("js/assert.js"),
        internal: false,
    },
    Builtin {
        name: "ajv",
        source: include_str!("js/ajv.js"),
        internal: false,
    },
];

/// The wrapper of the sandbox's own libraries: they also get the natives
/// (`__native`) and the schema validator as parameters, which scripts never see.
pub(crate) fn wrap_builtin(source: &str) -> String {
    let mut s = String::with_capacity(source.len() + 96);
    s.push_str("(function (module, exports, require, __native, __postie_validate_schema) {");
    s.push_str(source);
    s.push_str("\n})");
    s
}


/// The cache key of a library's bytecode: the sandbox's own copy of a name
/// (`chai_postman`) never meets the one scripts `require`.
pub(crate) fn builtin_key(name: &str, internal: bool) -> String {
    if internal {
        format!("#{name}")
    } else {
        name.to_string()
    }
}

/// Every embedded source as (cache key, file name in stacks, the text compiled).
// Read by src/build.rs and by the test that the build's bytecode is current.
#[cfg_attr(not(test), allow(dead_code))]
pub(crate) fn embedded_sources() -> Vec<(String, String, String)> {
    let mut all = vec![(
        PRELUDE.0.to_string(),
        PRELUDE.0.to_string(),
        PRELUDE.1.to_string(),
    )];
    for (_, file, source) in PRELUDE_LAZY {
        all.push((file.to_string(), file.to_string(), source.to_string()));
    }
    for b in BUILTINS {
        all.push((
            builtin_key(b.name, b.internal),
            format!("{}.js", b.name),
            wrap_builtin(b.source),
        ));
    }
    all
}

/// Compiles a script to bytecode without running it. Source text is left out
/// (it would make the bytecode several times larger); line numbers are kept.
pub(crate) fn compile<'js>(
    ctx: &rquickjs::Ctx<'js>,
    source: &str, file: &str) -> rquickjs::Result<Vec<u8>> {
    let src = std::ffi::CString::new(source)?;
    let name = std::ffi::CString::new(file)?;
    let raw = ctx.as_raw().as_ptr();
    unsafe {
        let func = rquickjs::qjs::JS_Eval(
            raw,
            src.as_ptr(),
            source.len() as _,
            name.as_ptr(),
            (rquickjs::qjs::JS_EVAL_TYPE_GLOBAL | rquickjs::qjs::JS_EVAL_FLAG_COMPILE_ONLY) as i32,
        );
        if rquickjs::qjs::JS_IsException(func) {
            return Err(rquickjs::Error::Exception);
        }
        let mut size: rquickjs::qjs::size_t = 0;
        let flags = rquickjs::qjs::JS_WRITE_OBJ_BYTECODE
            | rquickjs::qjs::JS_WRITE_OBJ_STRIP_SOURCE
            | rquickjs::qjs::JS_WRITE_OBJ_STRIP_DEBUG;
        let buf = rquickjs::qjs::JS_WriteObject(raw, &mut size, func, flags as i32);
        rquickjs::qjs::JS_FreeValue(raw, func);
        if buf.is_null() {
            return Err(rquickjs::Error::Exception);
        }
        let out = std::slice::from_raw_parts(buf, size as usize).to_vec();
        rquickjs::qjs::js_free(raw, buf as *mut _);
        Ok(out)
    }
}

