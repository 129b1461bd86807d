//! An index over one or more repositories with Cosmos' lookup semantics
//! (`universe-repo-format.md` §1.4, Cosmos `PackageCollection`): for the same (name, version) the
//! lowest-index repository wins; "latest" is the highest `releaseVersion` in the lowest-index
//! repository that has the name; search groups by name and sorts `selected` packages first.

use super::package::{Images, Package};
use super::repo::{BrokenPackage, Repository};
use serde::Serialize;
use std::collections::{BTreeMap, HashSet};

/// A package the index found, with the repository URI it came from.
#[derive(Debug, Clone, Copy)]
pub struct Found<'a> {
    pub package: &'a Package,
    pub source: &'a str,
}

/// Cosmos `PackageNotFound` / `VersionNotFound`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LookupError {
    #[error("Package [{name}] not found; search the configured repositories with `package search`")]
    PackageNotFound { name: String },
    #[error(
        "Version [{version}] of package [{name}] not found; list the versions with `package describe --package-versions`"
    )]
    VersionNotFound { name: String, version: String },
}

/// One `/package/search` result.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SearchResult {
    pub name: String,
    pub current_version: String,
    /// version -> releaseVersion, written as a string like Cosmos does.
    #[serde(serialize_with = "versions_as_strings")]
    pub versions: BTreeMap<String, u64>,
    pub description: String,
    pub framework: bool,
    pub tags: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub selected: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub images: Option<Images>,
}

fn versions_as_strings<S: serde::Serializer>(
    v: &BTreeMap<String, u64>,
    s: S,
) -> Result<S::Ok, S::Error> {
    s.collect_map(v.iter().map(|(k, r)| (k, r.to_string())))
}

struct Entry {
    repo: usize,
    package: Package,
}

/// Packages of several repositories, merged and ordered as Cosmos orders them: by (name,
/// repository index) ascending, then `releaseVersion` descending.
pub struct Index {
    sources: Vec<String>,
    broken: Vec<(usize, BrokenPackage)>,
    entries: Vec<Entry>,
}

impl Index {
    /// Builds the index; earlier repositories have priority.
    pub fn new(repositories: Vec<Repository>) -> Index {
        let mut sources = Vec::new();
        let mut broken = Vec::new();
        let mut entries = Vec::new();
        let mut seen: HashSet<(String, String)> = HashSet::new();
        for (repo, r) in repositories.into_iter().enumerate() {
            sources.push(r.uri);
            broken.extend(r.broken.into_iter().map(|b| (repo, b)));
            for package in r.packages {
                if seen.insert((package.name.clone(), package.version.clone())) {
                    entries.push(Entry { repo, package });
                }
            }
        }
        // Stable: packages with equal keys keep their repository order.
        entries.sort_by(|a, b| {
            (&a.package.name, a.repo)
                .cmp(&(&b.package.name, b.repo))
                .then(b.package.release_version.cmp(&a.package.release_version))
        });
        Index {
            sources,
            broken,
            entries,
        }
    }

    /// Every usable package, in index order.
    pub fn packages(&self) -> impl Iterator<Item = Found<'_>> {
        self.entries.iter().map(|e| self.found(e))
    }

    /// Packages that could not be decoded, with the URI of their repository.
    pub fn broken(&self) -> impl Iterator<Item = (&str, &BrokenPackage)> {
        self.broken
            .iter()
            .map(|(i, b)| (self.sources[*i].as_str(), b))
    }

    fn found<'a>(&'a self, e: &'a Entry) -> Found<'a> {
        Found {
            package: &e.package,
            source: &self.sources[e.repo],
        }
    }

    /// The entries of one name: contiguous, since entries are sorted by name first.
    fn by_name(&self, name: &str) -> std::slice::Iter<'_, Entry> {
        let start = self
            .entries
            .partition_point(|e| e.package.name.as_str() < name);
        let len = self.entries[start..].partition_point(|e| e.package.name == name);
        self.entries[start..start + len].iter()
    }

    /// The package `name` at `version`, or the newest one when `version` is `None`.
    pub fn resolve(&self, name: &str, version: Option<&str>) -> Result<Found<'_>, LookupError> {
        let mut candidates = self.by_name(name).peekable();
        if candidates.peek().is_none() {
            return Err(LookupError::PackageNotFound {
                name: name.to_string(),
            });
        }
        let hit = match version {
            None => candidates.next(),
            Some(v) => candidates.find(|e| e.package.version == v),
        };
        hit.map(|e| self.found(e))
            .ok_or_else(|| LookupError::VersionNotFound {
                name: name.to_string(),
                version: version.unwrap_or_default().to_string(),
            })
    }

    /// The newest version of `name`.
    pub fn latest(&self, name: &str) -> Result<Found<'_>, LookupError> {
        self.resolve(name, None)
    }

    /// `/package/list-versions`: version -> releaseVersion of every version of `name`.
    pub fn list_versions(&self, name: &str) -> Result<BTreeMap<String, u64>, LookupError> {
        let versions: BTreeMap<String, u64> = self
            .by_name(name)
            .map(|e| (e.package.version.clone(), e.package.release_version))
            .collect();
        if versions.is_empty() {
            return Err(LookupError::PackageNotFound {
                name: name.to_string(),
            });
        }
        Ok(versions)
    }

    /// Versions of `name` whose `upgradesFrom` admits `from`.
    pub fn upgrades_to(&self, name: &str, from: &str) -> Vec<String> {
        self.by_name(name)
            .filter(|e| e.package.can_upgrade_from(from))
            .map(|e| e.package.version.clone())
            .collect()
    }

    /// Versions of the same name that `package`'s `downgradesTo` admits.
    pub fn downgrades_to(&self, package: &Package) -> Vec<String> {
        self.by_name(&package.name)
            .filter(|e| package.can_downgrade_to(&e.package.version))
            .map(|e| e.package.version.clone())
            .collect()
    }

    /// `/package/search`: a query containing `*` is a case-sensitive wildcard pattern matched
    /// against the whole name, description or a tag; otherwise a case-insensitive substring of
    /// any of them. No query lists everything.
    pub fn search(&self, query: Option<&str>) -> Vec<SearchResult> {
        let mut by_name: BTreeMap<&str, SearchResult> = BTreeMap::new();
        for e in &self.entries {
            let p = &e.package;
            let result = by_name.entry(&p.name).or_insert_with(|| SearchResult {
                name: p.name.clone(),
                current_version: p.version.clone(),
                versions: BTreeMap::new(),
                description: p.description.clone(),
                framework: p.framework.unwrap_or(false),
                tags: p.tags.clone(),
                selected: p.selected,
                images: p.images().cloned(),
            });
            let rv = result
                .versions
                .entry(p.version.clone())
                .or_insert(p.release_version);
            *rv = (*rv).max(p.release_version);
        }
        let matcher = Matcher::new(query);
        let mut results: Vec<SearchResult> = by_name
            .into_values()
            .filter(|r| matcher.matches(r))
            .collect();
        results.sort_by(|a, b| {
            (!a.selected.unwrap_or(false), &a.name).cmp(&(!b.selected.unwrap_or(false), &b.name))
        });
        results
    }
}

enum Matcher {
    All,
    Substring(String),
    Wildcard(Option<regex::Regex>),
}

impl Matcher {
    fn new(query: Option<&str>) -> Matcher {
        match query {
            None => Matcher::All,
            Some(q) if q.contains('*') => {
                let pattern = q
                    .split('*')
                    .map(regex::escape)
                    .collect::<Vec<_>>()
                    .join(".*");
                // Anchored like Cosmos' `^…$` pattern; `.` does not cross newlines in either engine.
                Matcher::Wildcard(regex::Regex::new(&format!("^(?:{pattern})$")).ok())
            }
            Some(q) => Matcher::Substring(q.to_lowercase()),
        }
    }

    fn matches(&self, r: &SearchResult) -> bool {
        let fields = || {
            std::iter::once(&r.name)
                .chain(std::iter::once(&r.description))
                .chain(r.tags.iter())
        };
        match self {
            Matcher::All => true,
            Matcher::Substring(q) => fields().any(|f| f.to_lowercase().contains(q.as_str())),
            Matcher::Wildcard(Some(re)) => fields().any(|f| re.is_match(f)),
            Matcher::Wildcard(None) => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::universe::repo::{RepoFormat, Repository};
    use serde_json::json;

    fn pkg(name: &str, version: &str, rv: u64, selected: bool) -> Package {
        Package::from_json(&json!({"packagingVersion": "4.0", "name": name, "version": version,
            "releaseVersion": rv, "maintainer": "m", "description": format!("the {name} service"),
            "tags": [format!("tag-{name}")], "selected": selected, "upgradesFrom": ["1.0"], "downgradesTo": ["*"]}))
        .unwrap()
    }

    fn repo(uri: &str, packages: Vec<Package>) -> Repository {
        Repository {
            uri: uri.into(),
            format: RepoFormat::JsonV4,
            packages,
            broken: vec![],
        }
    }

    fn index() -> Index {
        Index::new(vec![
            repo(
                "r0",
                vec![
                    pkg("cassandra", "1.0", 1, false),
                    pkg("cassandra", "2.0", 2, false),
                ],
            ),
            repo(
                "r1",
                vec![
                    pkg("cassandra", "3.0", 9, false),
                    pkg("cassandra", "2.0", 5, false),
                    pkg("kafka", "1", 0, true),
                ],
            ),
        ])
    }

    #[test]
    fn latest_is_highest_release_in_lowest_repository() {
        let i = index();
        let latest = i.latest("cassandra").unwrap();
        assert_eq!(
            (latest.package.version.as_str(), latest.source),
            ("2.0", "r0")
        );
        let v3 = i.resolve("cassandra", Some("3.0")).unwrap();
        assert_eq!(v3.source, "r1");
        assert_eq!(i.resolve("cassandra", Some("2.0")).unwrap().source, "r0");
        assert_eq!(
            i.resolve("cassandra", Some("9")).unwrap_err(),
            LookupError::VersionNotFound {
                name: "cassandra".into(),
                version: "9".into()
            }
        );
        assert_eq!(
            i.resolve("nope", None).unwrap_err(),
            LookupError::PackageNotFound {
                name: "nope".into()
            }
        );
        let versions = i.list_versions("cassandra").unwrap();
        assert_eq!(
            versions,
            BTreeMap::from([("1.0".into(), 1), ("2.0".into(), 2), ("3.0".into(), 9)])
        );
        assert_eq!(i.upgrades_to("cassandra", "1.0"), vec!["2.0", "1.0", "3.0"]);
        assert_eq!(i.downgrades_to(latest.package).len(), 3);
    }

    #[test]
    fn search_semantics() {
        let i = index();
        let names = |q: Option<&str>| i.search(q).into_iter().map(|r| r.name).collect::<Vec<_>>();
        assert_eq!(names(None), vec!["kafka", "cassandra"], "selected first");
        assert_eq!(names(Some("CASS")), vec!["cassandra"]);
        assert_eq!(names(Some("tag-kaf")), vec!["kafka"]);
        assert_eq!(names(Some("cass*")), vec!["cassandra"]);
        assert!(
            names(Some("CASS*")).is_empty(),
            "wildcards are case-sensitive"
        );
        assert_eq!(names(Some("*service")), vec!["kafka", "cassandra"]);
        assert!(
            names(Some("ass*")).is_empty(),
            "wildcards match whole fields"
        );
        let c = i.search(Some("cassandra")).remove(0);
        assert_eq!(c.current_version, "2.0");
        let wire = serde_json::to_value(&c).unwrap();
        assert_eq!(
            wire["versions"],
            json!({"1.0": "1", "2.0": "2", "3.0": "9"})
        );
        assert_eq!(wire["currentVersion"], "2.0");
    }
}
