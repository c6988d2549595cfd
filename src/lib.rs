//! hudud (حدود, "borders"): turn Arabic news about security incidents in the
//! Iraq–Syria border region into maps.
//!
//! The pipeline flows one way: [`arabic`] normalises text, [`gazetteer`]
//! knows places, [`geoparse`] finds and resolves place names, [`input`]
//! reads articles, and [`output`] writes GeoJSON layers atomically.

pub mod arabic;
pub mod cli;
pub mod corpus;
pub mod gazetteer;
pub mod geoparse;
pub mod incidents;
pub mod input;
pub mod output;
pub mod pipeline;
pub mod spatial;
