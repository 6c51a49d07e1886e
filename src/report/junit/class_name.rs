//! newman's JUnit `classname`, made by lodash's `_.upperFirst(_.camelCase(name))`:
//! how lodash splits words (`words`) and drops accents (`deburr`).

/// newman's `classname`: `_.upperFirst(_.camelCase(suiteName))` with non-word
/// characters removed ("Users / Admin / Get user" → "UsersAdminGetUser").
pub fn class_name(name: &str) -> String {
    let text: String = name
        .chars()
        .filter(|c| *c != '\'' && *c != '\u{2019}')
        .map(deburr)
        .collect::<Vec<_>>()
        .concat();
    let mut out = String::new();
    for word in words(&text) {
        let lower = word.to_lowercase();
        let mut chars = lower.chars();
        if let Some(first) = chars.next() {
            out.extend(first.to_uppercase());
            out.push_str(chars.as_str());
        }
    }
    out.retain(|c| c.is_ascii_alphanumeric() || c == '_');
    out
}

/// Latin-1 letters without their accents, as lodash's `deburr`.
fn deburr(c: char) -> String {
    let s = match c {
        'À'..='Å' => "A",
        'à'..='å' => "a",
        'Ç' => "C",
        'ç' => "c",
        'Ð' => "D",
        'ð' => "d",
        'È'..='Ë' => "E",
        'è'..='ë' => "e",
        'Ì'..='Ï' => "I",
        'ì'..='ï' => "i",
        'Ñ' => "N",
        'ñ' => "n",
        'Ò'..='Ö' | 'Ø' => "O",
        'ò'..='ö' | 'ø' => "o",
        'Ù'..='Ü' => "U",
        'ù'..='ü' => "u",
        'Ý' => "Y",
        'ý' | 'ÿ' => "y",
        'Æ' => "Ae",
        'æ' => "ae",
        'Þ' => "Th",
        'þ' => "th",
        'ß' => "ss",
        c => return c.to_string(),
    };
    s.to_string()
}

#[derive(Clone, Copy, PartialEq)]
enum Class {
    Upper,
    Lower,
    Digit,
    Break,
}

fn class(c: char) -> Class {
    if c.is_ascii_uppercase() {
        Class::Upper
    } else if c.is_ascii_lowercase() {
        Class::Lower
    } else if c.is_ascii_digit() {
        Class::Digit
    } else if !c.is_ascii() && c.is_alphanumeric() {
        // lodash counts other scripts' letters as lower-case-like "misc" letters.
        Class::Lower
    } else {
        Class::Break
    }
}

/// Splits text into words as lodash's `words` does: at punctuation and spaces,
/// between a lower-case and an upper-case letter, before the last capital of an
/// acronym followed by lower case ("XMLHttp" → "XML", "Http"), and around digits,
/// except ordinals ("1st", "22nd", "3RD").
fn words(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let cls: Vec<Class> = chars.iter().map(|c| class(*c)).collect();
    let n = chars.len();
    let mut out = Vec::new();
    let mut i = 0;
    while i < n {
        match cls[i] {
            Class::Break => i += 1,
            Class::Digit => {
                let mut j = i;
                while j < n && cls[j] == Class::Digit {
                    j += 1;
                }
                if let Some(end) = ordinal_end(&chars, &cls, j) {
                    out.push(chars[i..end].iter().collect());
                    i = end;
                } else {
                    out.push(chars[i..j].iter().collect());
                    i = j;
                }
            }
            Class::Lower => {
                let mut j = i;
                while j < n && cls[j] == Class::Lower {
                    j += 1;
                }
                out.push(chars[i..j].iter().collect());
                i = j;
            }
            Class::Upper => {
                let mut j = i;
                while j < n && cls[j] == Class::Upper {
                    j += 1;
                }
                let followed_by_lower = j < n && cls[j] == Class::Lower;
                if followed_by_lower && j - i > 1 {
                    // "XMLHttp": the acronym ends before the capital that starts "Http".
                    out.push(chars[i..j - 1].iter().collect());
                    i = j - 1;
                } else if followed_by_lower {
                    let mut k = j;
                    while k < n && cls[k] == Class::Lower {
                        k += 1;
                    }
                    out.push(chars[i..k].iter().collect());
                    i = k;
                } else {
                    out.push(chars[i..j].iter().collect());
                    i = j;
                }
            }
        }
    }
    out
}

/// If the digits ending before `j` and the two letters from `j` form an ordinal
/// ("1st", "2ND", "4th"), the index after it.
fn ordinal_end(chars: &[char], cls: &[Class], j: usize) -> Option<usize> {
    if j + 2 > chars.len() || j == 0 {
        return None;
    }
    let suffix: String = chars[j..j + 2].iter().collect();
    let lower = match suffix.as_str() {
        "st" | "nd" | "rd" | "th" => true,
        "ST" | "ND" | "RD" | "TH" => false,
        _ => return None,
    };
    let ok = match (suffix.to_ascii_lowercase().as_str(), chars[j - 1]) {
        ("st", '1') | ("nd", '2') | ("rd", '3') => true,
        ("th", d) => !matches!(d, '1' | '2' | '3'),
        _ => false,
    };
    if !ok {
        return None;
    }
    // It must end there: at a word boundary, or before an upper-case letter (lower
    // ordinals) or a lower-case one (upper ordinals).
    match cls.get(j + 2) {
        None | Some(Class::Break) => Some(j + 2),
        Some(Class::Upper) if lower => Some(j + 2),
        Some(Class::Lower) if !lower && chars[j + 2].is_ascii_lowercase() => Some(j + 2),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn class_names_follow_lodash_camel_case() {
        assert_eq!(class_name("Users / Admin / Get user"), "UsersAdminGetUser");
        assert_eq!(
            class_name("getXMLHttpRequest v2api"),
            "GetXmlHttpRequestV2Api"
        );
        assert_eq!(class_name("Crème brûlée's 1st test"), "CremeBrulees1stTest");
        assert_eq!(class_name("4TH item_name-x"), "4thItemNameX");
        assert_eq!(class_name("Привет мир / Hello"), "Hello");
        assert_eq!(class_name(""), "");
        assert_eq!(class_name("HTTP 200 OK"), "Http200Ok");
    }
}
