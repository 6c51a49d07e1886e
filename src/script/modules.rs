//! The JavaScript the sandbox embeds: its own prelude and the libraries scripts
//! `require`, compiled to QuickJS bytecode once per process and loaded from it
//! into each script's fresh context; and the modules a sandbox adds or overrides
//! ([`ModuleSet`]).

use rquickjs::{qjs, Ctx, Value};
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::{Mutex, OnceLock};

include!("sources.rs");

/// Evaluates a prelude file and calls it with `P`.
pub(crate) fn run_prelude<'js>(
    ctx: &Ctx<'js>,
    file: &str,
    source: &str,
    p: &rquickjs::Object<'js>,
) -> rquickjs::Result<()> {
    let code = bytecode(ctx, file, file, || source.to_string())?;
    let f: rquickjs::Function = run_bytecode(ctx, code)?.get()?;
    f.call::<_, ()>((p.clone(),))
}

pub(crate) fn builtin(name: &str, internal: bool) -> Option<&'static Builtin> {
    BUILTINS
        .iter()
        .find(|b| b.name == name && b.internal == internal)
}

/// Wraps a CommonJS body so evaluating it gives `function (module, exports, require)`.
/// The opening stays on the first line so line numbers in stacks match the file.
pub(crate) fn wrap_module(source: &str) -> String {
    let mut s = String::with_capacity(source.len() + 64);
    s.push_str("(function (module, exports, require) {");
    s.push_str(source);
    s.push_str("\n})");
    s
}

include!(concat!(env!("OUT_DIR"), "/embedded_bytecode.rs"));

type Cache = Mutex<HashMap<String, &'static [u8]>>;

fn cache() -> &'static Cache {
    static CACHE: OnceLock<Cache> = OnceLock::new();
    CACHE.get_or_init(Default::default)
}

/// Bytecode for an embedded source: src/build.rs compiled every one of them, so a
/// process parses none; a source it did not know is compiled on first use in
/// the process and kept for the process's life, as every embedded source was
/// before.
pub(crate) fn bytecode<'js>(
    ctx: &Ctx<'js>,
    key: &str,
    file: &str,
    source: impl FnOnce() -> String,
) -> rquickjs::Result<&'static [u8]> {
    if let Some((_, code)) = EMBEDDED.iter().find(|(k, _)| *k == key) {
        return Ok(code);
    }
    if let Some(b) = cache().lock().unwrap_or_else(|e| e.into_inner()).get(key) {
        return Ok(b);
    }
    let code: &'static [u8] = Vec::leak(compile(ctx, &source(), file)?);
    cache()
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .insert(key.to_string(), code);
    Ok(code)
}

/// Runs bytecode made by [`compile`] and returns the script's value.
pub(crate) fn run_bytecode<'js>(ctx: &Ctx<'js>, code: &[u8]) -> rquickjs::Result<Value<'js>> {
    let raw = ctx.as_raw().as_ptr();
    unsafe {
        let func = qjs::JS_ReadObject(
            raw,
            code.as_ptr(),
            code.len() as _,
            qjs::JS_READ_OBJ_BYTECODE as i32,
        );
        if qjs::JS_IsException(func) {
            return Err(rquickjs::Error::Exception);
        }
        // JS_EvalFunction takes ownership of `func`.
        let value = qjs::JS_EvalFunction(raw, func);
        if qjs::JS_IsException(value) {
            return Err(rquickjs::Error::Exception);
        }
        Ok(Value::from_raw(ctx.clone(), value))
    }
}

/// Evaluates source text as a global script whose first line is numbered
/// `first_line`, so a wrapper placed above the user's code keeps its line
/// numbers exact.
pub(crate) fn eval_at_line<'js>(
    ctx: &Ctx<'js>,
    source: &str,
    file: &str,
    first_line: i32,
) -> rquickjs::Result<Value<'js>> {
    let src = std::ffi::CString::new(source)?;
    let name = std::ffi::CString::new(file)?;
    let raw = ctx.as_raw().as_ptr();
    unsafe {
        let mut options = qjs::JSEvalOptions {
            version: qjs::JS_EVAL_OPTIONS_VERSION as _,
            eval_flags: qjs::JS_EVAL_TYPE_GLOBAL as _,
            filename: name.as_ptr(),
            line_num: first_line,
        };
        let value = qjs::JS_Eval2(raw, src.as_ptr(), source.len() as _, &mut options);
        if qjs::JS_IsException(value) {
            return Err(rquickjs::Error::Exception);
        }
        Ok(Value::from_raw(ctx.clone(), value))
    }
}

/// A module's source and, once compiled, its bytecode.
pub(crate) type DefinedModule = (String, Option<Rc<[u8]>>);

/// Modules a [`super::Sandbox`] adds to or overrides in the built-in registry.
#[derive(Default)]
pub(crate) struct ModuleSet {
    pub defined: RefCell<HashMap<String, DefinedModule>>,
}

impl ModuleSet {
    pub(crate) fn load<'js>(
        &self,
        ctx: &Ctx<'js>,
        name: &str,
        internal: bool,
    ) -> rquickjs::Result<Value<'js>> {
        let file = format!("{name}.js");
        if let Some((source, code)) = self.defined.borrow_mut().get_mut(name) {
            let code = match code {
                Some(c) => c.clone(),
                None => {
                    let wrapped = wrap_module(source);
                    let c: Rc<[u8]> = compile(ctx, &wrapped, &file)?.into();
                    *code = Some(c.clone());
                    c
                }
            };
            return run_bytecode(ctx, &code);
        }
        match builtin(name, internal) {
            Some(b) => {
                let key = builtin_key(name, internal);
                let code = bytecode(ctx, &key, &file, || wrap_builtin(b.source))?;
                let f = run_bytecode(ctx, code)?;
                if let Some(o) = f.as_object() {
                    o.set("builtin", true)?;
                }
                Ok(f)
            }
            None => Ok(Value::new_undefined(ctx.clone())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_prelude_joins_every_piece_of_the_sandbox_folder() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/script/js/sandbox");
        let mut on_disk: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        on_disk.sort();
        let mut joined: Vec<String> = PRELUDE_PIECES.iter().map(|p| format!("{p}.js")).collect();
        joined.sort();
        assert_eq!(on_disk, joined);
        assert!(PRELUDE.1.starts_with("(function (P) {\n'use strict';\n"));
    }

    #[test]
    fn registry_names_the_libraries_scripts_require() {
        for name in [
            "chai",
            "lodash",
            "moment",
            "crypto-js",
            "uuid",
            "url",
            "querystring",
            "buffer",
            "xml2js",
            "tv4",
            "ajv",
        ] {
            assert!(builtin(name, false).is_some(), "{name}");
        }
        assert!(builtin("chai_postman", true).is_some());
        assert!(builtin("chai_postman", false).is_none());
        assert!(builtin("fs", false).is_none());
    }

    #[test]
    fn modules_compile_to_bytecode_and_back() {
        let rt = rquickjs::Runtime::new().unwrap();
        let ctx = rquickjs::Context::full(&rt).unwrap();
        ctx.with(|ctx| {
            let code = compile(
                &ctx,
                &wrap_module("module.exports = { twice: function (x) { return 2 * x; } };"),
                "t.js",
            )
            .unwrap();
            let f: rquickjs::Function = run_bytecode(&ctx, &code).unwrap().get().unwrap();
            let module = rquickjs::Object::new(ctx.clone()).unwrap();
            module
                .set("exports", rquickjs::Object::new(ctx.clone()).unwrap())
                .unwrap();
            f.call::<_, ()>((module.clone(), rquickjs::Undefined, rquickjs::Undefined))
                .unwrap();
            let exports: rquickjs::Object = module.get("exports").unwrap();
            let twice: rquickjs::Function = exports.get("twice").unwrap();
            assert_eq!(twice.call::<_, i32>((21,)).unwrap(), 42);
        });
    }

    #[test]
    fn embedded_bytecode_is_what_the_process_would_compile() {
        let rt = rquickjs::Runtime::new().unwrap();
        let ctx = rquickjs::Context::full(&rt).unwrap();
        ctx.with(|ctx| {
            let sources = embedded_sources();
            if !BYTECODE_EMBEDDED {
                // A target whose byte order or word size differs from the build's.
                assert!(EMBEDDED.is_empty());
                return;
            }
            assert_eq!(sources.len(), EMBEDDED.len());
            for (key, file, source) in sources {
                let built = EMBEDDED.iter().find(|(k, _)| *k == key);
                let built = built.unwrap_or_else(|| panic!("{key} is not embedded")).1;
                assert_eq!(built, &compile(&ctx, &source, &file).unwrap()[..], "{key}");
            }
        });
    }

    #[test]
    fn scripts_keep_their_line_numbers() {
        let rt = rquickjs::Runtime::new().unwrap();
        let ctx = rquickjs::Context::full(&rt).unwrap();
        ctx.with(|ctx| {
            let v = eval_at_line(
                &ctx,
                "\n(function () {\nreturn new Error('x').stack;\n})",
                "s.js",
                -1,
            )
            .unwrap();
            let f: rquickjs::Function = v.get().unwrap();
            let stack: String = f.call(()).unwrap();
            assert!(stack.contains("s.js:1:"), "{stack}");
        });
    }
}
