//! `postie diff`.

use super::args::{Color, DiffArgs, OutputFormat};
use super::{exit, Fail};
use postie::diff::{diff, load, render, secret_values};
use postie::output::{Masker, Output};
use std::io::IsTerminal;

pub fn run(args: DiffArgs) -> Result<i32, Fail> {
    let old = load(&args.old).map_err(Fail::input)?;
    let new = load(&args.new).map_err(Fail::input)?;
    let result = diff(&old, &new, &args.old, &args.new).map_err(Fail::input)?;
    let color = match args.color {
        Color::On => true,
        Color::Off => false,
        Color::Auto => std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    };
    let text = match args.format {
        OutputFormat::Human => render::human(&result, color),
        OutputFormat::Json => render::json(&result),
    };
    let mut out = Output::stdout(Masker::new(secret_values(&[&old, &new])));
    out.write_str(&text).map_err(Fail::output)?;
    let _ = out.flush();
    Ok(if result.is_empty() {
        exit::OK
    } else {
        exit::FAILED
    })
}
