//! Text in XML as xmlbuilder (newman's JUnit writer) escapes it.

/// Characters XML 1.0 cannot hold at all.
fn xml_char_ok(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// An attribute value, escaped as xmlbuilder does (`&`, `<`, `"`, tab and line breaks).
pub fn attr(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' => out.push_str("&#x9;"),
            '\n' => out.push_str("&#xA;"),
            '\r' => out.push_str("&#xD;"),
            c if !xml_char_ok(c) => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// A CDATA section; `]]>` inside is split across two sections, as xmlbuilder does.
pub fn cdata(text: &str) -> String {
    let clean: String = text
        .chars()
        .map(|c| if xml_char_ok(c) { c } else { '\u{FFFD}' })
        .collect();
    format!("<![CDATA[{}]]>", clean.replace("]]>", "]]]]><![CDATA[>"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attributes_escape_markup_and_line_breaks() {
        assert_eq!(
            attr("a&b<c>\"d\"\te\nf\rg"),
            "a&amp;b&lt;c&gt;&quot;d&quot;&#x9;e&#xA;f&#xD;g"
        );
        assert_eq!(attr("bell\u{7}"), "bell\u{FFFD}");
    }

    #[test]
    fn cdata_splits_its_terminator_and_replaces_what_xml_cannot_hold() {
        assert_eq!(cdata("a]]>b"), "<![CDATA[a]]]]><![CDATA[>b]]>");
        assert_eq!(cdata("nul\u{0}"), "<![CDATA[nul\u{FFFD}]]>");
        assert_eq!(cdata("tab\tok"), "<![CDATA[tab\tok]]>");
    }
}
