//! Grievances and appeals: the families' way to complain about what a programme did or failed
//! to do, and to contest a decision; registered, acknowledged and answered within deadlines
//! counted in working days, escalated when they are missed.

pub mod calendar;
pub mod case;
pub mod figures;
pub mod rules;
