//! The shape of curl exports: selection, layout options, templates, and the
//! PowerShell and cmd forms. (What the commands send is proven in export_shells.)

use postie::collection::Collection;
use postie::export::{export, ExportOptions};
use postie::vars::Scopes;
use serde_json::json;
use std::time::Duration;

#[test]
fn redacted_script_refuses_to_run_without_its_variables() {
    let mut scopes = Scopes::default();
    scopes.environment.set("token", json!("abc"));
    let collection: Collection = serde_json::from_value(json!({
        "info": {"name": "c"},
        "auth": {"type": "bearer", "bearer": [{"key": "token", "value": "{{token}}"}]},
        "item": [{"name": "r", "request": {"method": "GET", "url": "http://127.0.0.1:9/x"}}]
    }))
    .unwrap();
    let e = export(
        &collection,
        &scopes,
        &ExportOptions {
            redact: true,
            ..Default::default()
        },
    )
    .unwrap();
    let out = std::process::Command::new("bash")
        .arg("-c")
        .arg(&e.text)
        .env_remove("TOKEN")
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("export TOKEN first"));
}

fn small_collection() -> Collection {
    serde_json::from_value(json!({
        "info": {"name": "Small"},
        "auth": {"type": "bearer", "bearer": [{"key": "token", "value": "{{token}}"}]},
        "item": [
            {"name": "Users", "item": [
                {"name": "List users", "id": "list-id", "request": {"method": "GET",
                    "url": "{{base}}/users?page={{page}}&q=it's"}},
                {"name": "Create user", "request": {"method": "POST", "url": "{{base}}/users",
                    "header": [{"key": "Content-Type", "value": "application/json"}],
                    "body": {"mode": "raw", "raw": "{\n  \"name\": \"O'Brien {{suffix}}\",\n  \"cost\": \"$5 & 100%\"\n}"}}}
            ]},
            {"name": "Health", "request": {"method": "GET", "url": "{{base}}/health"}}
        ]
    }))
    .unwrap()
}

fn small_scopes() -> Scopes {
    let mut s = Scopes::default();
    s.environment
        .set("base", json!("https://api.example.com/v1"));
    s.environment.set("token", json!("T0K"));
    s.environment.set("page", json!(2));
    s
}

#[test]
fn keep_vars_leaves_templates_and_turns_globbing_off() {
    let e = export(
        &small_collection(),
        &small_scopes(),
        &ExportOptions {
            keep_vars: true,
            ..Default::default()
        },
    )
    .unwrap();
    assert!(
        e.text.contains(
            "\ncurl '{{base}}/users?page={{page}}&q=it%27s' -H 'Authorization: Bearer {{token}}' "
        ),
        "{}",
        e.text
    );
    // Braces would be curl globs: globbing is turned off.
    assert_eq!(e.text.matches(" -g\n").count(), 3, "{}", e.text);
    assert!(e.text.contains("O'\\''Brien {{suffix}}"), "{}", e.text);
    assert!(!e.text.contains("T0K"));
    assert!(!e.text.contains("http://{{"));
    assert_eq!(
        e.warnings,
        vec!["request 'Users / Create user': unresolved variable {{suffix}} in body"]
    );
}

#[test]
fn selection_single_request_and_errors() {
    let c = small_collection();
    let s = small_scopes();
    let one = export(
        &c,
        &s,
        &ExportOptions {
            request: Some("list-id".into()),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(
        one.text,
        "# Users / List users\ncurl 'https://api.example.com/v1/users?page=2&q=it%27s' -H 'Authorization: Bearer T0K' -H 'User-Agent: postie/0.1.0' -H 'Accept: */*' -H 'Accept-Encoding: identity' -L --max-redirs 10 --http1.1\n"
    );
    let by_name = export(
        &c,
        &s,
        &ExportOptions {
            request: Some("Health".into()),
            ..Default::default()
        },
    )
    .unwrap();
    assert!(by_name
        .text
        .starts_with("# Health\ncurl https://api.example.com/v1/health "));
    let folder = export(
        &c,
        &s,
        &ExportOptions {
            folders: vec!["Users".into()],
            ..Default::default()
        },
    )
    .unwrap();
    assert!(
        folder.text.contains("# Users / List users")
            && folder.text.contains("# Users / Create user")
    );
    assert!(!folder.text.contains("# Health"));
    assert_eq!(
        export(
            &c,
            &s,
            &ExportOptions {
                request: Some("nope".into()),
                ..Default::default()
            }
        ),
        Err(postie::export::ExportError::RequestNotFound("nope".into()))
    );
    assert_eq!(
        export(
            &c,
            &s,
            &ExportOptions {
                folders: vec!["nope".into()],
                ..Default::default()
            }
        ),
        Err(postie::export::ExportError::FolderNotFound("nope".into()))
    );
}

#[test]
fn multiline_long_options_timeout_and_insecure() {
    let e = export(
        &small_collection(),
        &small_scopes(),
        &ExportOptions {
            request: Some("Create user".into()),
            multiline: true,
            long_options: true,
            insecure: true,
            timeout_request: Some(Duration::from_millis(2500)),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(
        e.text,
        "# Users / Create user\n\
         curl https://api.example.com/v1/users \\\n  \
         --header 'Content-Type: application/json' \\\n  \
         --header 'Authorization: Bearer T0K' \\\n  \
         --header 'User-Agent: postie/0.1.0' \\\n  \
         --header 'Accept: */*' \\\n  \
         --header 'Accept-Encoding: identity' \\\n  \
         --data-binary '{\n  \"name\": \"O'\\''Brien {{suffix}}\",\n  \"cost\": \"$5 & 100%\"\n}' \\\n  \
         --location \\\n  \
         --max-redirs 10 \\\n  \
         --insecure \\\n  \
         --max-time 2.5 \\\n  \
         --http1.1\n"
    );
}

#[test]
fn powershell_script() {
    let e = export(
        &small_collection(),
        &small_scopes(),
        &ExportOptions {
            shell: postie::export::Shell::Pwsh,
            multiline: true,
            redact: true,
            folders: vec!["Create user".into()],
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(
        e.text,
        "# curl commands exported by postie 0.1.0 from \"Small\".\n\
         # Each command sends the request that `postie run` sends.\n\
         # Needs PowerShell 7.3 or later, which passes arguments to curl.exe as written.\n\
         $PSNativeCommandArgumentPassing = 'Standard'\n\
         # Placeholders: set these environment variables before running.\n\
         # Their values are inserted as they are: URL-encode those used in a URL.\n\
         #   $env:TOKEN: {{token}}, used by bearer auth\n\
         \n\
         # Users / Create user\n\
         curl.exe https://api.example.com/v1/users `\n  \
         -H 'Content-Type: application/json' `\n  \
         -H \"Authorization: Bearer ${env:TOKEN}\" `\n  \
         -H 'User-Agent: postie/0.1.0' `\n  \
         -H 'Accept: */*' `\n  \
         -H 'Accept-Encoding: identity' `\n  \
         --data-binary \"{`n  `\"name`\": `\"O'Brien {{suffix}}`\",`n  `\"cost`\": `\"`$5 & 100%`\"`n}\" `\n  \
         -L `\n  \
         --max-redirs 10 `\n  \
         --http1.1\n"
    );
}

#[test]
fn cmd_script_spills_line_breaks_to_a_file() {
    let e = export(
        &small_collection(),
        &small_scopes(),
        &ExportOptions {
            shell: postie::export::Shell::Cmd,
            folders: vec!["Users".into()],
            ..Default::default()
        },
    )
    .unwrap();
    let body = "{\n  \"name\": \"O'Brien {{suffix}}\",\n  \"cost\": \"$5 & 100%\"\n}";
    use base64::Engine;
    let b64 = base64::engine::general_purpose::STANDARD.encode(body);
    let expected = format!(
        "@echo off\n\
         rem curl commands exported by postie 0.1.0 from \"Small\".\n\
         rem Each command sends the request that `postie run` sends. Save this file as UTF-8.\n\
         setlocal DisableDelayedExpansion\n\
         chcp 65001 >nul\n\
         \n\
         rem Users / List users\n\
         curl.exe ^\"https://api.example.com/v1/users?page=2^&q=it%%27s^\" -H ^\"Authorization: Bearer T0K^\" -H ^\"User-Agent: postie/0.1.0^\" -H ^\"Accept: */*^\" -H ^\"Accept-Encoding: identity^\" -L --max-redirs 10 --http1.1\n\
         \n\
         rem Users / Create user\n\
         set \"POSTIE_BODY_1=%TEMP%\\postie-POSTIE_BODY_1\"\n\
         (\n\
         echo {}\n\
         echo {}\n\
         ) > \"%POSTIE_BODY_1%.b64\"\n\
         certutil -f -decode \"%POSTIE_BODY_1%.b64\" \"%POSTIE_BODY_1%\" >nul\n\
         curl.exe https://api.example.com/v1/users -H ^\"Content-Type: application/json^\" -H ^\"Authorization: Bearer T0K^\" -H ^\"User-Agent: postie/0.1.0^\" -H ^\"Accept: */*^\" -H ^\"Accept-Encoding: identity^\" --data-binary ^\"@%POSTIE_BODY_1%^\" -L --max-redirs 10 --http1.1\n",
        &b64[..64],
        &b64[64..]
    );
    assert_eq!(e.text, expected);
}
