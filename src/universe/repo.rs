//! Decoding a repository body into a [`Repository`]: pure, no I/O.
//!
//! Input is what an HTTP response (or a file) gives: bytes, a `Content-Type` and a
//! `Content-Encoding`. The media type picks the format the way Cosmos does
//! (`universe-repo-format.md` §1.3): JSON v5/v4/v3 (one decoder for all three) or the legacy zip
//! layout (§3). Unlike Cosmos, one undecodable package does not fail the whole repository: it is
//! reported in [`Repository::broken`] and the other packages stay usable.

use super::package::{Package, PackageError};
use serde_json::Value;
use std::io::Read;

/// The repository media type Cosmos asks for and accepts, by version.
pub const MEDIA_TYPE_V3: &str = "application/vnd.dcos.universe.repo+json;charset=utf-8;version=v3";
pub const MEDIA_TYPE_V4: &str = "application/vnd.dcos.universe.repo+json;charset=utf-8;version=v4";
pub const MEDIA_TYPE_V5: &str = "application/vnd.dcos.universe.repo+json;charset=utf-8;version=v5";
/// Legacy zip repositories.
pub const MEDIA_TYPE_ZIP: &str = "application/zip";

/// Decompressed bodies larger than this are refused, so a hostile gzip or zip cannot exhaust
/// memory. Real repositories are a few MiB.
pub const MAX_BODY_BYTES: u64 = 256 * 1024 * 1024;

/// How a repository body is encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RepoFormat {
    JsonV3,
    JsonV4,
    JsonV5,
    /// `repo/meta/index.json` + `repo/packages/<L>/<name>/<rev>/…` in a zip archive.
    Zip,
}

impl RepoFormat {
    /// The media type this format is served with.
    pub fn media_type(self) -> &'static str {
        match self {
            RepoFormat::JsonV3 => MEDIA_TYPE_V3,
            RepoFormat::JsonV4 => MEDIA_TYPE_V4,
            RepoFormat::JsonV5 => MEDIA_TYPE_V5,
            RepoFormat::Zip => MEDIA_TYPE_ZIP,
        }
    }
}

/// A package of the repository that could not be decoded, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrokenPackage {
    /// Where it is: `packages[3]` in a JSON repository, the folder path in a zip.
    pub location: String,
    /// The name, when it could be read.
    pub name: Option<String>,
    /// The version, when it could be read.
    pub version: Option<String>,
    pub error: PackageError,
}

impl std::fmt::Display for BrokenPackage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.location)?;
        match (&self.name, &self.version) {
            (Some(n), Some(v)) => write!(f, " ({n} {v})")?,
            (Some(n), None) => write!(f, " ({n})")?,
            _ => {}
        }
        write!(f, ": {}", self.error)
    }
}

/// A decoded repository.
#[derive(Debug, Clone, PartialEq)]
pub struct Repository {
    /// Where it was read from (`DCOS_PACKAGE_SOURCE` of apps installed from it).
    pub uri: String,
    pub format: RepoFormat,
    /// Usable packages, in Cosmos' order: sorted by (name, releaseVersion), then reversed.
    pub packages: Vec<Package>,
    pub broken: Vec<BrokenPackage>,
}

/// Why a whole repository could not be read.
#[derive(Debug, thiserror::Error)]
pub enum RepoError {
    #[error("{uri}: the response has no Content-Type; serve the repository as {MEDIA_TYPE_V4}")]
    MissingContentType { uri: String },
    #[error(
        "{uri}: unsupported Content-Type {content_type:?}; serve a JSON repository as {MEDIA_TYPE_V4} (or version=v3/v5) or a legacy zip as {MEDIA_TYPE_ZIP}"
    )]
    UnsupportedContentType { uri: String, content_type: String },
    #[error("{uri}: unsupported Content-Encoding {encoding:?}; only gzip (or none) is accepted")]
    UnsupportedContentEncoding { uri: String, encoding: String },
    #[error("{uri}: the gzip body cannot be decompressed: {message}")]
    Gzip { uri: String, message: String },
    #[error("{uri}: the repository is larger than {MAX_BODY_BYTES} bytes once decompressed")]
    TooLarge { uri: String },
    #[error("{uri}: not a JSON repository: {message}")]
    NotJson { uri: String, message: String },
    #[error("{uri}: a JSON repository must be an object with a `packages` array")]
    PackagesMissing { uri: String },
    #[error("{uri}: not a readable zip archive: {message}")]
    Zip { uri: String, message: String },
    #[error(
        "{uri}: no repo/meta/index.json found in the zip; the archive must contain <top>/repo/meta/index.json and <top>/repo/packages/<L>/<name>/<rev>/"
    )]
    IndexNotFound { uri: String },
    #[error("{uri}: repo/meta/index.json is unusable: {message}")]
    BadIndex { uri: String, message: String },
    #[error("{uri}: zip repository version {version:?} is not supported; only 2.x zips exist")]
    UnsupportedRepositoryVersion { uri: String, version: String },
    #[error("{uri}: cannot read: {source}")]
    Io {
        uri: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{uri}: unsupported repository location; use http://, https://, file:// or a path")]
    UnsupportedUri { uri: String },
    #[error("{uri}: redirected to {location}, which changes the scheme; use the final URL instead")]
    UnsupportedRedirect { uri: String, location: String },
    #[error("{uri}: the server answered HTTP {status}; only 200 is accepted")]
    HttpStatus { uri: String, status: u16 },
    #[error("{uri}: request failed: {message}")]
    Http { uri: String, message: String },
}

/// A media type split the way Guava's `MediaType.parse` does: type, subtype and parameter names
/// lower-cased, the `charset` value lower-cased, other values kept as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MediaType {
    pub kind: String,
    pub subtype: String,
    pub params: Vec<(String, String)>,
}

fn is_token(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii() && !c.is_ascii_control() && !" ()<>@,;:\\\"/[]?=".contains(c))
}

impl MediaType {
    /// Parses `type/subtype; name=value; name="quoted value"`; `None` when malformed.
    pub fn parse(s: &str) -> Option<MediaType> {
        let mut parts = split_params(s)?.into_iter();
        let head = parts.next()?;
        let (kind, subtype) = head.trim().split_once('/')?;
        let (kind, subtype) = (kind.trim(), subtype.trim());
        if !is_token(kind) || !is_token(subtype) {
            return None;
        }
        let mut params = Vec::new();
        for p in parts {
            let (name, value) = p.split_once('=')?;
            let name = name.trim().to_ascii_lowercase();
            let value = value.trim();
            if !is_token(&name) {
                return None;
            }
            let value = if let Some(inner) = value.strip_prefix('"') {
                unquote(inner)?
            } else if is_token(value) {
                value.to_string()
            } else {
                return None;
            };
            let value = if name == "charset" {
                value.to_ascii_lowercase()
            } else {
                value
            };
            params.push((name, value));
        }
        Some(MediaType {
            kind: kind.to_ascii_lowercase(),
            subtype: subtype.to_ascii_lowercase(),
            params,
        })
    }

    /// Cosmos' `MediaType.compatible(self, candidate)`: same type and subtype, and every
    /// parameter of `self` except `q` present with the same value in `candidate`.
    pub fn compatible_with(&self, candidate: &MediaType) -> bool {
        self.kind == candidate.kind
            && self.subtype == candidate.subtype
            && self
                .params
                .iter()
                .filter(|(k, _)| k != "q")
                .all(|(k, v)| candidate.params.iter().any(|(ck, cv)| ck == k && cv == v))
    }
}

/// Splits on `;` outside double quotes.
fn split_params(s: &str) -> Option<Vec<String>> {
    let mut out = vec![String::new()];
    let mut in_quotes = false;
    let mut escaped = false;
    for c in s.chars() {
        let cur = out.last_mut()?;
        if in_quotes {
            cur.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_quotes = false;
            }
        } else if c == ';' {
            out.push(String::new());
        } else {
            if c == '"' {
                in_quotes = true;
            }
            cur.push(c);
        }
    }
    (!in_quotes).then_some(out)
}

/// `inner` is the text after the opening quote; it must end with the closing quote.
fn unquote(inner: &str) -> Option<String> {
    let body = inner.strip_suffix('"')?;
    let mut out = String::new();
    let mut chars = body.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push(chars.next()?),
            '"' => return None,
            c => out.push(c),
        }
    }
    Some(out)
}

/// Picks the repository format for a response `Content-Type`, trying v5, v4, v3 and then zip
/// like Cosmos (zip as Cosmos ≤ 0.6.1 did).
pub fn format_for_content_type(uri: &str, content_type: &str) -> Result<RepoFormat, RepoError> {
    let unsupported = || RepoError::UnsupportedContentType {
        uri: uri.to_string(),
        content_type: content_type.to_string(),
    };
    let response = MediaType::parse(content_type).ok_or_else(unsupported)?;
    [
        RepoFormat::JsonV5,
        RepoFormat::JsonV4,
        RepoFormat::JsonV3,
        RepoFormat::Zip,
    ]
    .into_iter()
    .find(|f| {
        MediaType::parse(f.media_type())
            .is_some_and(|candidate| response.compatible_with(&candidate))
    })
    .ok_or_else(unsupported)
}

/// Reads at most [`MAX_BODY_BYTES`] from `reader`.
pub(crate) fn read_limited(reader: impl Read, uri: &str) -> Result<Vec<u8>, RepoError> {
    let mut out = Vec::new();
    reader
        .take(MAX_BODY_BYTES + 1)
        .read_to_end(&mut out)
        .map_err(|e| RepoError::Gzip {
            uri: uri.to_string(),
            message: e.to_string(),
        })?;
    if out.len() as u64 > MAX_BODY_BYTES {
        return Err(RepoError::TooLarge {
            uri: uri.to_string(),
        });
    }
    Ok(out)
}

fn gunzip(bytes: &[u8], uri: &str) -> Result<Vec<u8>, RepoError> {
    read_limited(flate2::read::GzDecoder::new(bytes), uri)
}

fn is_gzip(bytes: &[u8]) -> bool {
    bytes.starts_with(&[0x1f, 0x8b])
}

fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06")
}

/// Decodes an HTTP response body: `content_type` is required (as for Cosmos), `content_encoding`
/// may be absent or `gzip`.
pub fn decode_response(
    uri: &str,
    body: &[u8],
    content_type: Option<&str>,
    content_encoding: Option<&str>,
) -> Result<Repository, RepoError> {
    let content_type = content_type.ok_or_else(|| RepoError::MissingContentType {
        uri: uri.to_string(),
    })?;
    let format = format_for_content_type(uri, content_type)?;
    let body = match content_encoding.map(str::trim) {
        None | Some("") => std::borrow::Cow::Borrowed(body),
        Some(e) if e.eq_ignore_ascii_case("gzip") => std::borrow::Cow::Owned(gunzip(body, uri)?),
        Some(other) => {
            return Err(RepoError::UnsupportedContentEncoding {
                uri: uri.to_string(),
                encoding: other.to_string(),
            });
        }
    };
    decode(uri, &body, format)
}

/// Decodes a body read from disk, where no media type exists: gzip is unwrapped, zip magic bytes
/// select the legacy layout, anything else is read as a JSON repository (as v5, like a
/// version-less media type).
pub fn decode_sniffed(uri: &str, body: &[u8]) -> Result<Repository, RepoError> {
    if is_gzip(body) {
        let inner = gunzip(body, uri)?;
        return decode_sniffed(uri, &inner);
    }
    let format = if is_zip(body) {
        RepoFormat::Zip
    } else {
        RepoFormat::JsonV5
    };
    decode(uri, body, format)
}

/// Decodes a body whose format is known.
pub fn decode(uri: &str, body: &[u8], format: RepoFormat) -> Result<Repository, RepoError> {
    let (packages, broken) = match format {
        RepoFormat::Zip => super::zip::read(uri, body)?,
        _ => decode_json(uri, body)?,
    };
    Ok(finish(uri, format, packages, broken))
}

fn decode_json(uri: &str, body: &[u8]) -> Result<(Vec<Package>, Vec<BrokenPackage>), RepoError> {
    let text = std::str::from_utf8(body).map_err(|e| RepoError::NotJson {
        uri: uri.to_string(),
        message: format!("the body is not UTF-8 ({e})"),
    })?;
    let root: Value = serde_json::from_str(text).map_err(|e| RepoError::NotJson {
        uri: uri.to_string(),
        message: e.to_string(),
    })?;
    let entries = match root {
        Value::Object(mut root) => root.remove("packages"),
        _ => None,
    };
    let Some(Value::Array(entries)) = entries else {
        return Err(RepoError::PackagesMissing {
            uri: uri.to_string(),
        });
    };
    let mut packages = Vec::with_capacity(entries.len());
    let mut broken = Vec::new();
    for (i, entry) in entries.into_iter().enumerate() {
        let field = |k: &str| entry.get(k).and_then(Value::as_str).map(str::to_string);
        let (name, version) = (field("name"), field("version"));
        match Package::from_json_value(entry) {
            Ok(p) => packages.push(p),
            Err(error) => broken.push(BrokenPackage {
                location: format!("packages[{i}]"),
                name,
                version,
                error,
            }),
        }
    }
    Ok((packages, broken))
}

/// Applies Cosmos' ordering and reports duplicate (name, version) pairs, keeping the one with the
/// highest release version (the one Cosmos' merge would keep).
fn finish(
    uri: &str,
    format: RepoFormat,
    mut packages: Vec<Package>,
    mut broken: Vec<BrokenPackage>,
) -> Repository {
    packages.sort_by(|a, b| (&a.name, a.release_version).cmp(&(&b.name, b.release_version)));
    packages.reverse();
    let mut seen: std::collections::HashMap<(String, String), u64> = Default::default();
    packages.retain(|p| {
        let key = (p.name.clone(), p.version.clone());
        if let Some(kept) = seen.get(&key) {
            broken.push(BrokenPackage {
                location: format!("{} {}", p.name, p.version),
                name: Some(p.name.clone()),
                version: Some(p.version.clone()),
                error: PackageError::Duplicate {
                    name: p.name.clone(),
                    version: p.version.clone(),
                    kept: *kept,
                },
            });
            false
        } else {
            seen.insert(key, p.release_version);
            true
        }
    });
    Repository {
        uri: uri.to_string(),
        format,
        packages,
        broken,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_type_table_of_the_contract() {
        let f = |ct: &str| format_for_content_type("u", ct);
        assert_eq!(f(MEDIA_TYPE_V4).unwrap(), RepoFormat::JsonV4);
        assert_eq!(
            f("application/vnd.dcos.universe.repo+json;charset=UTF-8;version=v3").unwrap(),
            RepoFormat::JsonV3
        );
        assert_eq!(
            f("application/vnd.dcos.universe.repo+json;charset=utf-8").unwrap(),
            RepoFormat::JsonV5
        );
        assert_eq!(
            f("Application/Vnd.DCOS.Universe.Repo+JSON").unwrap(),
            RepoFormat::JsonV5
        );
        assert_eq!(
            f("application/vnd.dcos.universe.repo+json; version=\"v4\"").unwrap(),
            RepoFormat::JsonV4
        );
        assert_eq!(f("application/zip").unwrap(), RepoFormat::Zip);
        for bad in [
            "application/vnd.dcos.universe.repo+json;version=v4;foo=bar",
            "application/vnd.dcos.universe.repo+json;version=V4",
            "application/json",
            "text/plain",
            "binary/octet-stream",
            "",
            "nonsense",
            "a/b;c",
        ] {
            assert!(
                matches!(f(bad), Err(RepoError::UnsupportedContentType { .. })),
                "{bad}"
            );
        }
    }

    #[test]
    fn one_broken_package_does_not_hide_the_others() {
        let body = br#"{"packages": [
            {"packagingVersion": "4.0", "name": "ok", "version": "1", "releaseVersion": 1,
             "maintainer": "m", "description": "d", "tags": []},
            {"packagingVersion": "4.0", "name": "bad", "version": "1", "releaseVersion": "x",
             "maintainer": "m", "description": "d", "tags": []},
            {"packagingVersion": "4.0", "name": "ok", "version": "1", "releaseVersion": 0,
             "maintainer": "m", "description": "d", "tags": []}]}"#;
        let repo = decode_response("u", body, Some(MEDIA_TYPE_V4), None).unwrap();
        assert_eq!(repo.packages.len(), 1);
        assert_eq!(repo.packages[0].release_version, 1);
        assert_eq!(repo.broken.len(), 2);
        assert_eq!(repo.broken[0].location, "packages[1]");
        assert_eq!(repo.broken[0].name.as_deref(), Some("bad"));
        assert!(
            repo.broken[0].to_string().contains("releaseVersion"),
            "{}",
            repo.broken[0]
        );
        assert!(matches!(
            repo.broken[1].error,
            PackageError::Duplicate { kept: 1, .. }
        ));
    }

    #[test]
    fn whole_repository_errors() {
        assert!(matches!(
            decode_response("u", b"{}", Some(MEDIA_TYPE_V4), None),
            Err(RepoError::PackagesMissing { .. })
        ));
        assert!(matches!(
            decode_response("u", b"{}", None, None),
            Err(RepoError::MissingContentType { .. })
        ));
        assert!(matches!(
            decode_response("u", b"{}", Some(MEDIA_TYPE_V4), Some("br")),
            Err(RepoError::UnsupportedContentEncoding { .. })
        ));
        assert!(matches!(
            decode_response("u", b"{}", Some(MEDIA_TYPE_V4), Some("gzip")),
            Err(RepoError::Gzip { .. })
        ));
        assert!(matches!(
            decode_sniffed("u", b"\xff"),
            Err(RepoError::NotJson { .. })
        ));
    }

    #[test]
    fn gzip_is_unwrapped() {
        use std::io::Write;
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        enc.write_all(br#"{"packages": []}"#).unwrap();
        let gz = enc.finish().unwrap();
        let repo = decode_response("u", &gz, Some(MEDIA_TYPE_V3), Some("gzip")).unwrap();
        assert_eq!(repo.format, RepoFormat::JsonV3);
        assert!(decode_sniffed("u", &gz).unwrap().packages.is_empty());
    }
}
