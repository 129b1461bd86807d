//! One node topology (region, zone, rack, attributes) with one attribute lookup, shared by placement and `pxfw spec`.
//!
//! An agent says where it sits when it registers (`--hostname`, `--region`, `--zone`, `--rack`,
//! `--attr k=v`); the live scheduler's placement view and the constraint evaluator both read that
//! through [`Topology`], so a rule such as `rack:GROUP_BY` is judged the same way everywhere.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::spec::constraint::NodeAttributes;

/// Where a node sits and what it says about itself.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Topology {
    pub hostname: String,
    #[serde(default)]
    pub region: Option<String>,
    #[serde(default)]
    pub zone: Option<String>,
    #[serde(default)]
    pub rack: Option<String>,
    /// Agent attributes (`--attr k=v`); constraints on any field name other than `hostname`,
    /// `@zone` and `@region` look here.
    #[serde(default)]
    pub attributes: BTreeMap<String, String>,
}

impl Topology {
    /// A node known only by its hostname.
    pub fn new(hostname: impl Into<String>) -> Topology {
        Topology {
            hostname: hostname.into(),
            ..Topology::default()
        }
    }

    /// The node's value for attribute `name`.
    ///
    /// The rack rule: an attribute given explicitly wins; otherwise the attribute `rack` is the node's
    /// `--rack`. So `[["rack","GROUP_BY","3"]]` works on agents started with `--rack`, and an operator
    /// who sets `--attr rack=…` decides what constraints see.
    pub fn attribute(&self, name: &str) -> Option<&str> {
        match self.attributes.get(name) {
            Some(v) => Some(v),
            None if name == "rack" => self.rack.as_deref(),
            None => None,
        }
    }
}

impl NodeAttributes for Topology {
    fn hostname(&self) -> &str {
        &self.hostname
    }
    fn zone(&self) -> Option<&str> {
        self.zone.as_deref()
    }
    fn region(&self) -> Option<&str> {
        self.region.as_deref()
    }
    fn attribute(&self, name: &str) -> Option<&str> {
        Topology::attribute(self, name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rack_falls_back_to_the_rack_flag_unless_given_as_an_attribute() {
        let mut t = Topology::new("h");
        assert_eq!(t.attribute("rack"), None);
        t.rack = Some("r1".into());
        assert_eq!(t.attribute("rack"), Some("r1"));
        t.attributes.insert("rack".into(), "explicit".into());
        assert_eq!(t.attribute("rack"), Some("explicit"));
        assert_eq!(t.attribute("rack_id"), None);
    }
}
