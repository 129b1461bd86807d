//! The SDK scheduler API views of plans and pods, as the DC/OS SDK scheduler serves them.
