//! Iteration data: one row of variables per iteration, from a JSON array of
//! objects or a CSV file with a header row.

use super::load::{kind_of, parse_json, read_text, shown, LoadError};
use serde_json::{Map, Value};
use std::path::Path;

/// One row of iteration data.
pub type DataRow = Map<String, Value>;

/// Loads iteration data: a JSON array of objects, or CSV with a header row.
pub fn load_iteration_data(path: &Path) -> Result<Vec<DataRow>, LoadError> {
    let text = read_text(path)?;
    let trimmed = text.trim_start();
    let looks_json = trimmed.starts_with('[') || trimmed.starts_with('{');
    let is_json_name = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"));
    if looks_json || is_json_name {
        let doc = parse_json(path, &text)?;
        let Value::Array(rows) = doc else {
            return Err(LoadError::Invalid {
                path: shown(path),
                message: format!(
                    "iteration data must be a JSON array of objects, found {}",
                    kind_of(&doc)
                ),
            });
        };
        return rows
            .into_iter()
            .enumerate()
            .map(|(i, row)| match row {
                Value::Object(m) => Ok(m),
                other => Err(LoadError::Shape {
                    path: shown(path),
                    location: String::new(),
                    at: format!("[{i}]"),
                    message: format!("expected an object, found {}", kind_of(&other)),
                }),
            })
            .collect();
    }
    parse_csv(path, &text)
}

/// One CSV field and whether it was quoted (quoted fields are never turned into numbers).
struct Field {
    text: String,
    quoted: bool,
}

/// A CSV record: its line number and fields.
type Record = (usize, Vec<Field>);

/// Parses CSV the way newman's csv-parse is configured: a header row, `"` quoting
/// with `""` escapes, whitespace trimmed around fields (also around quotes), rows
/// of any length. Returns rows of fields with their 1-based line numbers.
fn csv_records(text: &str) -> Result<Vec<Record>, (usize, String)> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut rows = Vec::new();
    let mut row: Vec<Field> = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut in_quotes = false;
    let mut after_quote = false;
    let mut line = 1;
    let mut row_line = 1;
    let mut chars = text.chars().peekable();
    let end_field = |row: &mut Vec<Field>, field: &mut String, quoted: &mut bool| {
        let t = if *quoted {
            std::mem::take(field)
        } else {
            std::mem::take(field).trim().to_string()
        };
        row.push(Field {
            text: t,
            quoted: *quoted,
        });
        *quoted = false;
    };
    while let Some(c) = chars.next() {
        if in_quotes {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => {
                    in_quotes = false;
                    after_quote = true;
                }
                '\n' => {
                    line += 1;
                    field.push(c);
                }
                _ => field.push(c),
            }
            continue;
        }
        match c {
            '"' if field.trim().is_empty() && !quoted => {
                field.clear();
                quoted = true;
                in_quotes = true;
            }
            ',' => {
                end_field(&mut row, &mut field, &mut quoted);
                after_quote = false;
            }
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => {
                end_field(&mut row, &mut field, &mut quoted);
                after_quote = false;
                if !(row.len() == 1 && row[0].text.is_empty() && !row[0].quoted) {
                    rows.push((row_line, std::mem::take(&mut row)));
                }
                row.clear();
                line += 1;
                row_line = line;
            }
            c if after_quote => {
                if !c.is_whitespace() {
                    return Err((line, format!("unexpected '{c}' after a closing quote")));
                }
            }
            _ => field.push(c),
        }
    }
    if in_quotes {
        return Err((row_line, "a quoted field is not closed".into()));
    }
    if !field.is_empty() || quoted || !row.is_empty() {
        end_field(&mut row, &mut field, &mut quoted);
        if !(row.len() == 1 && row[0].text.is_empty() && !row[0].quoted) {
            rows.push((row_line, row));
        }
    }
    Ok(rows)
}

fn parse_csv(path: &Path, text: &str) -> Result<Vec<DataRow>, LoadError> {
    let records = csv_records(text).map_err(|(line, message)| LoadError::Syntax {
        path: shown(path),
        line,
        column: 1,
        message: format!("invalid CSV: {message}"),
    })?;
    let mut records = records.into_iter();
    let Some((_, header)) = records.next() else {
        return Err(LoadError::Invalid {
            path: shown(path),
            message: "iteration data is empty (expected a JSON array or CSV with a header row)"
                .into(),
        });
    };
    let headers: Vec<String> = header.into_iter().map(|f| f.text).collect();
    if headers.iter().all(String::is_empty) {
        return Err(LoadError::Invalid {
            path: shown(path),
            message: "iteration data CSV has no header row".into(),
        });
    }
    Ok(records
        .map(|(_, fields)| {
            let mut row = Map::new();
            for (name, f) in headers.iter().zip(fields) {
                let value = if f.quoted {
                    Value::String(f.text)
                } else {
                    infer_scalar(&f.text)
                };
                row.insert(name.clone(), value);
            }
            row
        })
        .collect())
}

fn infer_scalar(s: &str) -> Value {
    if !s.is_empty()
        && s.bytes().all(|b| {
            b.is_ascii_digit() || b == b'-' || b == b'.' || b == b'e' || b == b'E' || b == b'+'
        })
    {
        if let Ok(i) = s.parse::<i64>() {
            return Value::from(i);
        }
        if let Ok(f) = s.parse::<f64>() {
            if f.is_finite() {
                if let Some(n) = serde_json::Number::from_f64(f) {
                    return Value::Number(n);
                }
            }
        }
    }
    Value::String(s.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<(usize, Vec<(String, bool)>)> {
        csv_records(text)
            .unwrap()
            .into_iter()
            .map(|(line, fields)| {
                (
                    line,
                    fields.into_iter().map(|f| (f.text, f.quoted)).collect(),
                )
            })
            .collect()
    }

    #[test]
    fn csv_quotes_trims_and_keeps_line_numbers() {
        let rows = texts("\u{feff}a, b ,c\r\n\"x,\"\"y\"\"\" , 2 ,\"multi\nline\"\n\n3\n");
        let f = |t: &str, q: bool| (t.to_string(), q);
        assert_eq!(
            rows,
            [
                (1, vec![f("a", false), f("b", false), f("c", false)]),
                (
                    2,
                    vec![f("x,\"y\"", true), f("2", false), f("multi\nline", true)]
                ),
                (5, vec![f("3", false)]),
            ]
        );
        assert_eq!(
            csv_records("a\n\"open").map(|_| ()).unwrap_err(),
            (2, "a quoted field is not closed".to_string())
        );
        assert_eq!(
            csv_records("\"a\"b").map(|_| ()).unwrap_err(),
            (1, "unexpected 'b' after a closing quote".to_string())
        );
    }

    #[test]
    fn unquoted_numbers_become_numbers() {
        assert_eq!(infer_scalar("42"), Value::from(42));
        assert_eq!(infer_scalar("-1.5e3"), Value::from(-1500.0));
        assert_eq!(infer_scalar("1-2"), Value::from("1-2"));
        assert_eq!(infer_scalar("007x"), Value::from("007x"));
        assert_eq!(infer_scalar(""), Value::from(""));
    }

    #[test]
    fn rows_are_named_by_the_header() {
        let rows = parse_csv(Path::new("d.csv"), "id,name\n1,\"2\"\n3\n").unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0]["id"], Value::from(1));
        assert_eq!(rows[0]["name"], Value::from("2"));
        // A short row has only the fields it has.
        assert!(rows[1].get("name").is_none());
        let err = parse_csv(Path::new("d.csv"), "").unwrap_err().to_string();
        assert!(err.starts_with("d.csv: iteration data is empty"), "{err}");
    }
}
