//! Hook profiles: what a known framework needs run around a snapshot, as pure data.
//!
//! A profile has three lists, with Stork's meanings (contract §4.3):
//! * **pre**: commands that must finish before the cut (e.g. flush memtables);
//! * **pre-background**: commands that take a lock and hold it through the cut by waiting on
//!   `${WAIT_CMD}` (see [`super::background`]); released once every snapshot has been taken;
//! * **post**: commands run after the cut, always, even when it failed.
//!
//! Every hook runs in a task's context (its environment, working directory and volume paths). `task`
//! names the task of each pod to run it in; `once` runs it in one pod only (for cluster-wide APIs).
//!
//! Choice ([`resolve`]): with no hooks and no `--profile`, the package's built-in profile (by package
//! name, `portworx-` / `beta-` prefixes ignored). Hooks given on the command line replace the profile
//! entirely, unless `--profile NAME` is also given, in which case each list given replaces that list of the
//! profile. `--profile none` uses no profile.

use std::time::Duration;

use serde::Serialize;

use super::background::WAIT_CMD;

/// Stork's per-pod command timeout (contract §4.3).
pub const DEFAULT_HOOK_TIMEOUT: Duration = Duration::from_secs(900);

/// One command to run around the cut.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Hook {
    /// Run with `/bin/sh -c` in the task's context.
    pub command: String,
    /// The task (of each pod) to run it in; `None`: every running task that mounts one of the
    /// service's volumes.
    pub task: Option<String>,
    /// Run in a single pod only (the command acts on the whole cluster).
    pub once: bool,
    #[serde(with = "secs")]
    pub timeout: Duration,
}

mod secs {
    pub fn serialize<S: serde::Serializer>(
        d: &std::time::Duration,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        s.serialize_u64(d.as_secs())
    }
}

impl Hook {
    /// A hook given by the operator: every task with a volume, the default timeout.
    pub fn command(command: impl Into<String>) -> Self {
        Hook {
            command: command.into(),
            task: None,
            once: false,
            timeout: DEFAULT_HOOK_TIMEOUT,
        }
    }
}

/// What a snapshot taken with these hooks guarantees.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Consistency {
    /// Hooks bring the application to a clean point before the cut.
    Application,
    /// All volumes are cut at one instant, as after a power loss of the whole service.
    Crash,
}

/// A built-in profile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HookProfile {
    pub name: &'static str,
    /// Package base names it applies to (`portworx-` and `beta-` prefixes are ignored).
    pub packages: &'static [&'static str],
    pub pre: Vec<Hook>,
    pub pre_background: Vec<Hook>,
    pub post: Vec<Hook>,
    /// Why these hooks, or why none are needed.
    pub why: &'static str,
}

fn in_task(task: &str, command: &str) -> Hook {
    Hook {
        task: Some(task.to_owned()),
        ..Hook::command(command)
    }
}

/// Every built-in profile.
pub fn builtin_profiles() -> Vec<HookProfile> {
    vec![
        HookProfile {
            name: "cassandra",
            packages: &["cassandra"],
            pre: vec![in_task(
                "server",
                // The same nodetool invocation the package's own plans use (JAVA_HOME from the sandbox's
                // JRE, the JMX port from the task environment).
                "export JAVA_HOME=\"${JAVA_HOME:-$(ls -d \"$MESOS_SANDBOX\"/jdk*/jre/ | head -n 1)}\" && \
                 ./apache-cassandra-*/bin/nodetool flush -p \"${JMX_PORT:-$TASKCFG_ALL_JMX_PORT}\"",
            )],
            pre_background: Vec::new(),
            post: Vec::new(),
            why: "`nodetool flush` writes every memtable to SSTables, so the snapshot holds the data \
                  without replaying commit logs; writes after the flush are still in the commit log, \
                  which Cassandra replays on restart. Clusters with secure JMX need an override with \
                  their nodetool credentials.",
        },
        HookProfile {
            name: "elastic",
            packages: &["elastic", "elasticsearch"],
            pre: vec![Hook {
                once: true,
                ..in_task(
                    "node",
                    "curl -fsS -X POST \"http://${TASK_IP:-127.0.0.1}:${PORT_HTTP}/_flush?wait_if_ongoing=true\"",
                )
            }],
            pre_background: Vec::new(),
            post: Vec::new(),
            why: "a flush commits every shard's Lucene segments and trims the translog, so a restored \
                  node recovers without replaying operations. The flush API acts on the whole cluster, \
                  so it runs in one pod. Clusters with security enabled need an override with \
                  credentials.",
        },
        HookProfile {
            name: "kafka",
            packages: &["kafka", "confluent-kafka"],
            pre: Vec::new(),
            pre_background: Vec::new(),
            post: Vec::new(),
            why: "crash consistency is enough: on restart each broker recovers its logs, truncating \
                  any partial record batch to the last valid offset, exactly as after a power loss.",
        },
        HookProfile {
            name: "zookeeper",
            packages: &["kafka-zookeeper", "zookeeper", "confluent-zookeeper"],
            pre: Vec::new(),
            pre_background: Vec::new(),
            post: Vec::new(),
            why: "crash consistency is enough: ZooKeeper syncs every transaction to its log before \
                  acknowledging it and rebuilds its state from the latest snapshot plus the log.",
        },
        HookProfile {
            name: "hdfs",
            packages: &["hdfs"],
            pre: Vec::new(),
            pre_background: Vec::new(),
            post: Vec::new(),
            why: "crash consistency is enough: the NameNode and JournalNodes sync edits before \
                  acknowledging them, and DataNodes verify block checksums on restart, as after a \
                  power loss of the whole cluster.",
        },
        HookProfile {
            name: "couchdb",
            packages: &["couchdb"],
            pre: Vec::new(),
            pre_background: Vec::new(),
            post: Vec::new(),
            why: "crash consistency is enough: CouchDB's append-only storage commits by writing a \
                  new header, so a cut at any instant opens at the last committed header.",
        },
    ]
}

/// The built-in profile called `name`.
pub fn profile_named(name: &str) -> Option<HookProfile> {
    builtin_profiles().into_iter().find(|p| p.name == name)
}

/// The built-in profile for a package name (`portworx-cassandra`, `cassandra`, `beta-elastic`, …).
pub fn profile_for_package(package: &str) -> Option<HookProfile> {
    let base = base_package_name(package);
    builtin_profiles()
        .into_iter()
        .find(|p| p.packages.contains(&base.as_str()))
}

/// The package name without the distribution prefixes that do not change the software.
fn base_package_name(package: &str) -> String {
    let mut name = package.trim().to_ascii_lowercase();
    for prefix in ["portworx-", "beta-"] {
        if let Some(rest) = name.strip_prefix(prefix) {
            name = rest.to_owned();
        }
    }
    name
}

/// Hooks and profile choice given on the command line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HookOverrides {
    /// `--profile NAME`; `none` for no profile.
    pub profile: Option<String>,
    pub pre: Vec<String>,
    pub pre_background: Vec<String>,
    pub post: Vec<String>,
}

impl HookOverrides {
    fn has_hooks(&self) -> bool {
        !(self.pre.is_empty() && self.pre_background.is_empty() && self.post.is_empty())
    }
}

/// Where a list of hooks came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum HookSource {
    Profile,
    CommandLine,
    None,
}

/// One list of hooks and its origin.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HookList {
    pub hooks: Vec<Hook>,
    pub source: HookSource,
}

/// The hooks a snapshot will run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HookPlan {
    pub package: String,
    /// The profile used, if any.
    pub profile: Option<String>,
    /// Why that profile (or none) was chosen.
    pub choice: String,
    pub pre: HookList,
    pub pre_background: HookList,
    pub post: HookList,
    pub consistency: Consistency,
    /// The profile's reasoning, or what crash consistency means here.
    pub note: String,
}

/// Hooks that cannot be run as given.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ProfileError {
    #[error("unknown hook profile `{name}`; known profiles: {known} (or `none`)")]
    UnknownProfile { name: String, known: String },
    #[error(
        "background pre hook `{command}` does not contain {WAIT_CMD}: a background hook must wait on {WAIT_CMD} where it holds its lock (e.g. `... flush tables with read lock; system {WAIT_CMD}; ...`)"
    )]
    MissingWaitCmd { command: String },
    #[error(
        "{list} hook `{command}` contains {WAIT_CMD}, which only background pre hooks may use; give it with --pre-background"
    )]
    WaitCmdOutsideBackground { list: &'static str, command: String },
    #[error("an empty {list} hook was given; remove it or give a command")]
    EmptyHook { list: &'static str },
}

/// Chooses the hooks for a snapshot of `package` (see the module documentation for the rules).
pub fn resolve(package: &str, overrides: &HookOverrides) -> Result<HookPlan, ProfileError> {
    for (list, commands) in [
        ("pre", &overrides.pre),
        ("pre-background", &overrides.pre_background),
        ("post", &overrides.post),
    ] {
        for command in commands {
            if command.trim().is_empty() {
                return Err(ProfileError::EmptyHook { list });
            }
            let waits = command.contains(WAIT_CMD);
            if list == "pre-background" && !waits {
                return Err(ProfileError::MissingWaitCmd {
                    command: command.clone(),
                });
            }
            if list != "pre-background" && waits {
                return Err(ProfileError::WaitCmdOutsideBackground {
                    list,
                    command: command.clone(),
                });
            }
        }
    }
    let by_package = profile_for_package(package);
    let (profile, choice) = match overrides.profile.as_deref() {
        Some("none") => (None, "no profile (--profile none)".to_owned()),
        Some(name) => match profile_named(name) {
            Some(p) => (Some(p), format!("profile `{name}` (--profile)")),
            None => {
                let known: Vec<&str> = builtin_profiles().iter().map(|p| p.name).collect();
                return Err(ProfileError::UnknownProfile {
                    name: name.to_owned(),
                    known: known.join(", "),
                });
            }
        },
        None if overrides.has_hooks() => {
            let choice = match &by_package {
                Some(p) => format!(
                    "hooks from the command line; profile `{}` not used (add --profile {} to combine them)",
                    p.name, p.name
                ),
                None => "hooks from the command line".to_owned(),
            };
            (None, choice)
        }
        None => match by_package {
            Some(p) => {
                let choice = format!("profile `{}` (package `{package}`)", p.name);
                (Some(p), choice)
            }
            None => (
                None,
                format!("no hooks given and no built-in profile for package `{package}`"),
            ),
        },
    };
    let list = |given: &[String], from_profile: Option<&Vec<Hook>>| {
        if !given.is_empty() {
            HookList {
                hooks: given.iter().map(Hook::command).collect(),
                source: HookSource::CommandLine,
            }
        } else {
            match from_profile {
                Some(hooks) if !hooks.is_empty() => HookList {
                    hooks: hooks.clone(),
                    source: HookSource::Profile,
                },
                _ => HookList {
                    hooks: Vec::new(),
                    source: HookSource::None,
                },
            }
        }
    };
    let pre = list(&overrides.pre, profile.as_ref().map(|p| &p.pre));
    let pre_background = list(
        &overrides.pre_background,
        profile.as_ref().map(|p| &p.pre_background),
    );
    let post = list(&overrides.post, profile.as_ref().map(|p| &p.post));
    let consistency = if pre.hooks.is_empty() && pre_background.hooks.is_empty() {
        Consistency::Crash
    } else {
        Consistency::Application
    };
    let note = match (&profile, consistency) {
        (Some(p), _) if !overrides.has_hooks() => p.why.to_owned(),
        (_, Consistency::Application) => {
            "the pre hooks bring the application to a clean point before the cut".to_owned()
        }
        (_, Consistency::Crash) => "no pre hook runs: every volume is cut at the same instant, \
             as after a power loss of the whole service; the application must recover from that"
            .to_owned(),
    };
    Ok(HookPlan {
        package: package.to_owned(),
        profile: profile.map(|p| p.name.to_owned()),
        choice,
        pre,
        pre_background,
        post,
        consistency,
        note,
    })
}

impl HookPlan {
    /// What `snapshot create --dry-run` shows.
    pub fn describe(&self) -> String {
        let mut out = format!("Hooks for package `{}`: {}\n", self.package, self.choice);
        out.push_str(&match self.consistency {
            Consistency::Application => "Consistency: application-consistent\n".to_owned(),
            Consistency::Crash => "Consistency: crash-consistent only\n".to_owned(),
        });
        out.push_str(&format!("  {}\n", self.note));
        for (label, list) in [
            ("pre", &self.pre),
            ("pre-background (holds until the cut)", &self.pre_background),
            ("post (always runs)", &self.post),
        ] {
            if list.hooks.is_empty() {
                out.push_str(&format!("{label}: none\n"));
                continue;
            }
            let from = match list.source {
                HookSource::Profile => "from the profile",
                HookSource::CommandLine => "from the command line",
                HookSource::None => "",
            };
            out.push_str(&format!("{label}, {from}:\n"));
            for hook in &list.hooks {
                let place = match (&hook.task, hook.once) {
                    (Some(t), true) => format!("in task `{t}` of one pod"),
                    (Some(t), false) => format!("in task `{t}` of every pod"),
                    (None, true) => "in one task with a volume".to_owned(),
                    (None, false) => "in every task with a volume".to_owned(),
                };
                out.push_str(&format!(
                    "  - {place}, timeout {} s:\n      {}\n",
                    hook.timeout.as_secs(),
                    hook.command
                        .split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" ")
                ));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn overrides() -> HookOverrides {
        HookOverrides::default()
    }

    #[test]
    fn profiles_are_chosen_by_package_name() {
        for (package, profile) in [
            ("portworx-cassandra", Some("cassandra")),
            ("cassandra", Some("cassandra")),
            ("beta-elastic", Some("elastic")),
            ("portworx-hdfs", Some("hdfs")),
            ("confluent-kafka", Some("kafka")),
            ("kafka-zookeeper", Some("zookeeper")),
            ("couchdb", Some("couchdb")),
            ("hello-world", None),
        ] {
            let plan = resolve(package, &overrides()).unwrap();
            assert_eq!(plan.profile.as_deref(), profile, "{package}");
        }
    }

    #[test]
    fn cassandra_flushes_and_kafka_relies_on_crash_consistency() {
        let cass = resolve("portworx-cassandra", &overrides()).unwrap();
        assert_eq!(cass.consistency, Consistency::Application);
        assert!(cass.pre.hooks[0].command.contains("nodetool flush"));
        assert_eq!(cass.pre.hooks[0].task.as_deref(), Some("server"));
        assert_eq!(cass.pre.source, HookSource::Profile);
        let es = resolve("elastic", &overrides()).unwrap();
        assert!(es.pre.hooks[0].command.contains("_flush") && es.pre.hooks[0].once);
        let kafka = resolve("kafka", &overrides()).unwrap();
        assert_eq!(kafka.consistency, Consistency::Crash);
        assert!(kafka.note.contains("crash consistency is enough"));
        assert!(kafka.describe().contains("crash-consistent only"));
        let unknown = resolve("hello-world", &overrides()).unwrap();
        assert_eq!(unknown.consistency, Consistency::Crash);
        assert!(
            unknown.describe().contains("power loss"),
            "{}",
            unknown.describe()
        );
    }

    #[test]
    fn command_line_hooks_replace_the_profile_unless_it_is_named() {
        let given = HookOverrides {
            post: vec!["echo done".into()],
            ..overrides()
        };
        let plan = resolve("portworx-cassandra", &given).unwrap();
        assert_eq!(plan.profile, None);
        assert!(plan.pre.hooks.is_empty());
        assert_eq!(plan.consistency, Consistency::Crash);
        assert!(
            plan.choice.contains("--profile cassandra"),
            "{}",
            plan.choice
        );

        let combined = HookOverrides {
            profile: Some("cassandra".into()),
            ..given
        };
        let plan = resolve("portworx-cassandra", &combined).unwrap();
        assert!(plan.pre.hooks[0].command.contains("nodetool flush"));
        assert_eq!(plan.post.source, HookSource::CommandLine);
        assert_eq!(plan.post.hooks[0].command, "echo done");

        let none = HookOverrides {
            profile: Some("none".into()),
            ..overrides()
        };
        assert_eq!(resolve("cassandra", &none).unwrap().profile, None);
    }

    #[test]
    fn bad_hooks_are_refused_with_the_reason() {
        let bg = HookOverrides {
            pre_background: vec!["mysql -e 'flush tables with read lock'".into()],
            ..overrides()
        };
        assert!(matches!(
            resolve("x", &bg),
            Err(ProfileError::MissingWaitCmd { .. })
        ));
        let post = HookOverrides {
            post: vec!["sleep 1; ${WAIT_CMD}".into()],
            ..overrides()
        };
        assert!(matches!(
            resolve("x", &post),
            Err(ProfileError::WaitCmdOutsideBackground { list: "post", .. })
        ));
        let unknown = HookOverrides {
            profile: Some("mongo".into()),
            ..overrides()
        };
        let e = resolve("x", &unknown).unwrap_err().to_string();
        assert!(e.contains("mongo") && e.contains("cassandra"), "{e}");
        let empty = HookOverrides {
            pre: vec![" ".into()],
            ..overrides()
        };
        assert_eq!(
            resolve("x", &empty),
            Err(ProfileError::EmptyHook { list: "pre" })
        );
    }

    #[test]
    fn dry_run_text_shows_every_list_and_its_origin() {
        let plan = resolve(
            "portworx-cassandra",
            &HookOverrides {
                profile: Some("cassandra".into()),
                pre_background: vec!["lock; ${WAIT_CMD}; unlock".into()],
                ..overrides()
            },
        )
        .unwrap();
        let text = plan.describe();
        assert!(text.contains("profile `cassandra` (--profile)"), "{text}");
        assert!(
            text.contains("Consistency: application-consistent"),
            "{text}"
        );
        assert!(text.contains("pre, from the profile:"), "{text}");
        assert!(
            text.contains("in task `server` of every pod, timeout 900 s"),
            "{text}"
        );
        assert!(
            text.contains("pre-background (holds until the cut), from the command line:"),
            "{text}"
        );
        assert!(text.contains("post (always runs): none"), "{text}");
    }
}
