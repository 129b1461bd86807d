//! The legacy zip repository layout (`universe-repo-format.md` §3), read the way Cosmos ≤ 0.6.1
//! read it: `<top>/repo/meta/index.json` must announce a `2.x` repository, and every file under
//! `<top>/repo/packages/<L>/<name>/<rev>/` belongs to package `(name, rev)`. Every package
//! becomes a packaging 2.0 package whatever its `package.json` says, with `releaseVersion` taken
//! from the revision folder.
//!
//! One extension over Cosmos: an archive without the top folder (`repo/meta/index.json` at the
//! root) is accepted too, instead of being silently empty.

use super::package::{License, Package, PackageCommand, PackageError, PackagingVersion, Resource};
use super::repo::{BrokenPackage, MAX_BODY_BYTES, RepoError};
use serde::Deserialize;
use serde_json::{Map, Value};
use std::collections::BTreeMap;
use std::io::Read;

/// The `package.json` fields a 2.0 package keeps (Cosmos' v2 `PackageDetails`).
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct PackageDetails {
    /// Required but not checked: the package is read as 2.0 anyway.
    #[allow(dead_code)]
    packaging_version: String,
    name: String,
    version: String,
    maintainer: String,
    description: String,
    tags: Vec<String>,
    selected: Option<bool>,
    scm: Option<String>,
    website: Option<String>,
    framework: Option<bool>,
    pre_install_notes: Option<String>,
    post_install_notes: Option<String>,
    post_uninstall_notes: Option<String>,
    licenses: Option<Vec<License>>,
}

/// The files of one package folder, by file name.
type Files = BTreeMap<String, Vec<u8>>;

/// Reads a zip repository into packages and broken packages.
pub(crate) fn read(
    uri: &str,
    body: &[u8],
) -> Result<(Vec<Package>, Vec<BrokenPackage>), RepoError> {
    let zip_err = |e: &dyn std::fmt::Display| RepoError::Zip {
        uri: uri.to_string(),
        message: e.to_string(),
    };
    let mut archive =
        ::zip::ZipArchive::new(std::io::Cursor::new(body)).map_err(|e| zip_err(&e))?;

    // Entry names first, to find where `meta/` and `packages/` sit.
    let mut entries: Vec<(usize, Vec<String>)> = Vec::new();
    for i in 0..archive.len() {
        let file = archive.by_index_raw(i).map_err(|e| zip_err(&e))?;
        if file.is_dir() {
            continue;
        }
        let name = String::from_utf8_lossy(file.name_raw()).into_owned();
        let parts: Vec<String> = name.split('/').map(str::to_string).collect();
        if parts.len() >= 3 {
            entries.push((i, parts));
        }
    }
    // Cosmos: `<a>/<b>/meta/index.json`; extension: `<b>/meta/index.json`.
    let depth = [2usize, 1]
        .into_iter()
        .find(|&d| {
            entries
                .iter()
                .any(|(_, p)| p.len() == d + 2 && p[d] == "meta" && p[d + 1] == "index.json")
        })
        .ok_or_else(|| RepoError::IndexNotFound {
            uri: uri.to_string(),
        })?;

    let mut total: u64 = 0;
    let mut read_entry = |archive: &mut ::zip::ZipArchive<std::io::Cursor<&[u8]>>,
                          index: usize|
     -> Result<Vec<u8>, RepoError> {
        let file = archive.by_index(index).map_err(|e| zip_err(&e))?;
        let mut data = Vec::new();
        file.take(MAX_BODY_BYTES + 1 - total)
            .read_to_end(&mut data)
            .map_err(|e| zip_err(&e))?;
        total += data.len() as u64;
        if total > MAX_BODY_BYTES {
            return Err(RepoError::TooLarge {
                uri: uri.to_string(),
            });
        }
        Ok(data)
    };

    let mut version: Option<String> = None;
    let mut packages: BTreeMap<(String, String), Files> = BTreeMap::new();
    for (index, parts) in &entries {
        if parts.len() == depth + 2 && parts[depth] == "meta" && parts[depth + 1] == "index.json" {
            if version.is_none() {
                let data = read_entry(&mut archive, *index)?;
                version = Some(index_version(uri, &data)?);
            }
        } else if parts.len() >= depth + 5 && parts[depth] == "packages" {
            let key = (parts[depth + 2].clone(), parts[depth + 3].clone());
            let file_name = parts[parts.len() - 1].clone();
            let data = read_entry(&mut archive, *index)?;
            packages.entry(key).or_default().insert(file_name, data);
        }
    }
    let version = version.ok_or_else(|| RepoError::IndexNotFound {
        uri: uri.to_string(),
    })?;
    if !version.starts_with("2.") {
        return Err(RepoError::UnsupportedRepositoryVersion {
            uri: uri.to_string(),
            version,
        });
    }

    let prefix: Vec<&str> = entries
        .iter()
        .find(|(_, p)| p.len() > depth && p[depth] == "packages")
        .map(|(_, p)| p[..depth].iter().map(String::as_str).collect())
        .unwrap_or_default();
    let mut ok = Vec::new();
    let mut broken = Vec::new();
    for ((name, rev), files) in packages {
        match build_package(&rev, &files) {
            Ok(p) => ok.push(p),
            Err(error) => broken.push(BrokenPackage {
                location: format!("{}packages/…/{name}/{rev}", join_prefix(&prefix)),
                name: Some(name),
                version: package_version(&files),
                error,
            }),
        }
    }
    Ok((ok, broken))
}

fn join_prefix(prefix: &[&str]) -> String {
    prefix.iter().map(|p| format!("{p}/")).collect()
}

fn index_version(uri: &str, data: &[u8]) -> Result<String, RepoError> {
    let bad = |message: String| RepoError::BadIndex {
        uri: uri.to_string(),
        message,
    };
    let value: Value = serde_json::from_slice(data).map_err(|e| bad(e.to_string()))?;
    value
        .get("version")
        .and_then(Value::as_str)
        .map(str::to_string)
        .ok_or_else(|| bad("`version` (a string such as \"2.0.0\") is missing".to_string()))
}

/// Best effort, for reporting a broken package.
fn package_version(files: &Files) -> Option<String> {
    let value: Value = serde_json::from_slice(files.get("package.json")?).ok()?;
    value.get("version")?.as_str().map(str::to_string)
}

fn json_file(files: &Files, file: &str) -> Result<Option<Value>, PackageError> {
    let Some(data) = files.get(file) else {
        return Ok(None);
    };
    serde_json::from_slice(data)
        .map(Some)
        .map_err(|e| PackageError::FileNotJson {
            file: file.to_string(),
            message: e.to_string(),
        })
}

fn decode_file<T: serde::de::DeserializeOwned>(
    file: &str,
    value: &Value,
) -> Result<T, PackageError> {
    serde_path_to_error::deserialize(value).map_err(|e| PackageError::Decode {
        path: format!("{file}: {}", e.path()),
        message: e.inner().to_string(),
    })
}

fn build_package(rev: &str, files: &Files) -> Result<Package, PackageError> {
    let release_version: u64 = rev.parse().map_err(|_| PackageError::InvalidRevision {
        rev: rev.to_string(),
    })?;
    let details_json = json_file(files, "package.json")?.ok_or(PackageError::FileMissing {
        file: "package.json".to_string(),
    })?;
    let details: PackageDetails = decode_file("package.json", &details_json)?;
    let template = files
        .get("marathon.json.mustache")
        .ok_or(PackageError::FileMissing {
            file: "marathon.json.mustache".to_string(),
        })?;
    let template = std::str::from_utf8(template).map_err(|_| PackageError::FileNotUtf8 {
        file: "marathon.json.mustache".to_string(),
    })?;
    let config = match json_file(files, "config.json")? {
        None => None,
        Some(Value::Object(map)) => Some(map),
        Some(_) => {
            return Err(PackageError::FileNotObject {
                file: "config.json".to_string(),
            });
        }
    };
    let resource: Option<Resource> = json_file(files, "resource.json")?
        .map(|v| decode_file("resource.json", &v))
        .transpose()?;
    let command: Option<PackageCommand> = json_file(files, "command.json")?
        .map(|v| decode_file("command.json", &v))
        .transpose()?;
    // Cosmos drops licenses whose URL it cannot convert.
    let licenses = details.licenses.map(|ls| {
        ls.into_iter()
            .filter(|l| url::Url::parse(&l.url).is_ok())
            .collect::<Vec<_>>()
    });
    let mut package = Package {
        packaging_version: PackagingVersion::V2,
        name: details.name,
        version: details.version,
        release_version,
        maintainer: details.maintainer,
        description: details.description,
        tags: details.tags,
        selected: details.selected,
        scm: details.scm,
        website: details.website,
        framework: details.framework,
        pre_install_notes: details.pre_install_notes,
        post_install_notes: details.post_install_notes,
        post_uninstall_notes: details.post_uninstall_notes,
        licenses,
        min_dcos_release_version: None,
        marathon: None,
        resource,
        config,
        command,
        upgrades_from: None,
        downgrades_to: None,
        last_updated: None,
        has_known_issues: None,
        manager: None,
    };
    package.set_marathon_template(template);
    package.normalize();
    package.check()?;
    Ok(package)
}

/// Writes packages as a legacy zip repository under `<top>/repo/`, with `meta/index.json`
/// (`version` 2.0.0 and the search summary old clients read) and one folder per package.
/// Used to publish a repository for old clients and to build test repositories.
pub fn write(top: &str, packages: &[Package]) -> Result<Vec<u8>, PackageError> {
    use ::zip::write::SimpleFileOptions;
    use std::io::Write;
    let mut writer = ::zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default();
    let io_err = |e: &dyn std::fmt::Display| PackageError::Decode {
        path: "zip".to_string(),
        message: e.to_string(),
    };
    let mut summary: BTreeMap<&str, Map<String, Value>> = BTreeMap::new();
    for p in packages {
        let entry = summary.entry(&p.name).or_insert_with(|| {
            let mut m = Map::new();
            m.insert("name".into(), Value::from(p.name.as_str()));
            m.insert("currentVersion".into(), Value::from(p.version.as_str()));
            m.insert("description".into(), Value::from(p.description.as_str()));
            m.insert(
                "framework".into(),
                Value::from(p.framework.unwrap_or(false)),
            );
            m.insert("tags".into(), Value::from(p.tags.clone()));
            m.insert("selected".into(), Value::from(p.selected.unwrap_or(false)));
            m.insert("versions".into(), Value::Object(Map::new()));
            m
        });
        if let Some(Value::Object(versions)) = entry.get_mut("versions") {
            versions.insert(
                p.version.clone(),
                Value::from(p.release_version.to_string()),
            );
        }
    }
    let index = serde_json::json!({
        "version": "2.0.0",
        "packages": summary.into_values().map(Value::Object).collect::<Vec<_>>(),
    });
    let mut put = |path: String, data: &[u8]| -> Result<(), PackageError> {
        writer.start_file(path, options).map_err(|e| io_err(&e))?;
        writer.write_all(data).map_err(|e| io_err(&e))
    };
    put(
        format!("{top}/repo/meta/index.json"),
        index.to_string().as_bytes(),
    )?;
    put(
        format!("{top}/repo/meta/version.json"),
        br#"{"version": "2.0.0"}"#,
    )?;
    for p in packages {
        let letter = p.name.chars().next().unwrap_or('_').to_uppercase();
        let dir = format!(
            "{top}/repo/packages/{letter}/{}/{}",
            p.name, p.release_version
        );
        let mut details = serde_json::to_value(p).map_err(|e| io_err(&e))?;
        if let Value::Object(m) = &mut details {
            for k in [
                "releaseVersion",
                "marathon",
                "resource",
                "config",
                "command",
            ] {
                m.remove(k);
            }
        }
        put(
            format!("{dir}/package.json"),
            details.to_string().as_bytes(),
        )?;
        if let Some(template) = p.marathon_template()? {
            put(format!("{dir}/marathon.json.mustache"), template.as_bytes())?;
        }
        if let Some(config) = &p.config {
            put(
                format!("{dir}/config.json"),
                Value::Object(config.clone()).to_string().as_bytes(),
            )?;
        }
        if let Some(resource) = p.resource_json() {
            put(
                format!("{dir}/resource.json"),
                resource.to_string().as_bytes(),
            )?;
        }
        if let Some(command) = &p.command {
            let json = serde_json::to_string(command).map_err(|e| io_err(&e))?;
            put(format!("{dir}/command.json"), json.as_bytes())?;
        }
    }
    let cursor = writer.finish().map_err(|e| io_err(&e))?;
    Ok(cursor.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::universe::repo::{RepoFormat, decode, decode_sniffed};

    fn zip_of(files: &[(&str, &str)]) -> Vec<u8> {
        use std::io::Write;
        let mut w = ::zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        for (name, body) in files {
            w.start_file(*name, ::zip::write::SimpleFileOptions::default())
                .unwrap();
            w.write_all(body.as_bytes()).unwrap();
        }
        w.finish().unwrap().into_inner()
    }

    const PKG: &str = r#"{"packagingVersion": "4.0", "name": "hello", "version": "1.0",
        "maintainer": "m", "description": "d", "tags": ["t"], "minDcosReleaseVersion": "1.10",
        "licenses": [{"name": "ok", "url": "https://x.invalid/l"}, {"name": "bad", "url": "not a url"}]}"#;

    #[test]
    fn reads_packages_under_any_top_folder_as_packaging_2() {
        let body = zip_of(&[
            ("top/repo/meta/index.json", r#"{"version": "2.0.0"}"#),
            ("top/repo/packages/H/hello/3/package.json", PKG),
            (
                "top/repo/packages/H/hello/3/marathon.json.mustache",
                "{\"id\": \"{{x}}\"}",
            ),
            (
                "top/repo/packages/H/hello/3/resource.json",
                r#"{"cli": {}, "images": {"icon-small": "i"}}"#,
            ),
            ("top/repo/packages/H/hello/x/package.json", PKG),
            ("top/repo/packages/B/broken/0/package.json", PKG),
        ]);
        let repo = decode("z", &body, RepoFormat::Zip).unwrap();
        assert_eq!(repo.packages.len(), 1);
        let p = &repo.packages[0];
        assert_eq!(
            (p.packaging_version, p.release_version),
            (PackagingVersion::V2, 3)
        );
        assert!(p.min_dcos_release_version.is_none());
        assert_eq!(p.licenses.as_ref().unwrap().len(), 1);
        assert!(p.resource.as_ref().unwrap().cli.is_none());
        assert_eq!(
            p.marathon_template().unwrap().unwrap(),
            "{\"id\": \"{{x}}\"}"
        );
        assert_eq!(repo.broken.len(), 2);
        assert!(
            repo.broken
                .iter()
                .any(|b| matches!(b.error, PackageError::FileMissing { .. }))
        );
        assert!(
            repo.broken
                .iter()
                .any(|b| matches!(b.error, PackageError::InvalidRevision { .. }))
        );
        assert_eq!(decode_sniffed("z", &body).unwrap().format, RepoFormat::Zip);
    }

    #[test]
    fn root_level_repo_folder_and_errors() {
        let body = zip_of(&[
            ("repo/meta/index.json", r#"{"version": "2.1"}"#),
            ("repo/packages/H/hello/0/package.json", PKG),
            ("repo/packages/H/hello/0/marathon.json.mustache", "{}"),
        ]);
        assert_eq!(
            decode("z", &body, RepoFormat::Zip).unwrap().packages.len(),
            1
        );
        let v3 = zip_of(&[("a/repo/meta/index.json", r#"{"version": "3.0.0"}"#)]);
        assert!(matches!(
            decode("z", &v3, RepoFormat::Zip),
            Err(RepoError::UnsupportedRepositoryVersion { .. })
        ));
        let none = zip_of(&[("a/b/c/d.json", "{}")]);
        assert!(matches!(
            decode("z", &none, RepoFormat::Zip),
            Err(RepoError::IndexNotFound { .. })
        ));
        assert!(matches!(
            decode("z", b"PK\x03\x04junk", RepoFormat::Zip),
            Err(RepoError::Zip { .. })
        ));
    }

    #[test]
    fn write_then_read_round_trips() {
        let body = zip_of(&[
            ("u/repo/meta/index.json", r#"{"version": "2.0.0"}"#),
            ("u/repo/packages/H/hello/7/package.json", PKG),
            ("u/repo/packages/H/hello/7/marathon.json.mustache", "{}"),
            (
                "u/repo/packages/H/hello/7/config.json",
                r#"{"type": "object"}"#,
            ),
        ]);
        let first = decode("z", &body, RepoFormat::Zip).unwrap();
        let rewritten = write("universe", &first.packages).unwrap();
        let second = decode("z", &rewritten, RepoFormat::Zip).unwrap();
        assert_eq!(first.packages, second.packages);
    }
}
