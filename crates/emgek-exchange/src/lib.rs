//! Files in and out of emgek: the household import (CSV and XLSX, with a reject file), the
//! layouts of programme records' files, exports,
//! the import template, the synthetic country and the demonstration data.

pub mod cells;
pub mod columns;
pub mod demo;
pub mod export;
pub mod import;
pub mod photos;
mod reader;
pub mod records;
pub mod synth;
pub mod synth_calendar;
pub mod synth_grievances;
pub mod synth_ovop;
pub mod synth_prison;
pub mod synth_programme;
pub mod tables;

pub use export::{ExportFormat, export_households};
pub use import::{FileCheck, ImportError, ImportOptions, ImportReport, check_file, import_households};
