//! One node topology (region, zone, rack, attributes) with one attribute lookup, shared by placement and `pxfw spec`.
