//! Package repositories and packages, offline: everything Cosmos does with a repository before
//! it talks to Marathon.
//!
//! Pipeline (each step its own module):
//!
//! ```text
//! fetch   location (http(s)://, file://, path) -> bytes + Content-Type + Content-Encoding
//! repo    bytes -> Repository (JSON v3/v4/v5 or legacy zip via `zip`), broken packages reported
//! index   Repository* -> Index: search, describe (resolve), latest, list-versions, up/downgrades
//! options config schema + user options -> defaults, deep merge, draft-04 validation
//! render  Package + options -> Marathon app with DCOS_PACKAGE_* labels; /package/render
//! build   a framework's universe/ folder -> repository entry (SDK build-time substitution)
//! ```
//!
//! Wire contracts: `../shared/contracts/universe-repo-format.md` and
//! `../shared/contracts/dcos-cosmos-marathon-cli.md` §1.3 and §2.3. Templates are rendered with
//! [`crate::spec::mustache`] in Cosmos mode.

pub mod build;
pub mod fetch;
pub mod index;
pub mod options;
pub mod package;
pub mod render;
pub mod repo;
pub mod zip;

pub use fetch::{RepoFetchOptions, load, read_file};
pub use index::{Found, Index, LookupError, SearchResult};
pub use options::{OptionsError, SchemaViolation};
pub use package::{Package, PackageError, PackagingVersion};
pub use render::{RenderError, RenderRequest, package_render, render_marathon_app};
pub use repo::{BrokenPackage, RepoError, RepoFormat, Repository};
