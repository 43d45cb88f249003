//! One Village – One Product (the Ministry of Economy and Commerce's programme, with JICA since
//! 2007): local producers make products from local resources, regional brand committees assess
//! and certify them, a national commission grants some the national brand, and producers sell
//! them at home and abroad.
//!
//! A producer is a family business funded by a Social Contract, a cooperative, a prison
//! workshop or another enterprise, placed in its village and rayon (`catalogue`); its products
//! carry their names and descriptions in the three languages; certification is `certification`;
//! export contracts and their som equivalent are `export`.

pub mod catalogue;
pub mod certification;
pub mod export;
