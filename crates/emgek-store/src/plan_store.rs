//! The store's doors for prison enterprises' business plans and the Expert Group. The SQL is in
//! `plan_queries.rs`; reviews go through `Store::record_review` like an application's.

use emgek_domain::social_contract::application::{Event, Status};

use crate::plans::*;
use crate::programmes::{ApplicationEvent, CommissionMemberRow};
use crate::{Actor, Result, Store};

impl Store {
    forward! {
        pub async fn create_plan(&self, by: &Actor, p: &NewPlan) -> Result<i64>;
        /// Every plan, latest first, with its budget and spending.
        pub async fn plans(&self) -> Result<Vec<PlanRow>>;
        pub async fn plan(&self, id: i64) -> Result<PlanRow>;
        /// Adds a budget line to a draft or returned plan.
        pub async fn add_plan_line(&self, by: &Actor, plan: i64, item: &str, category: &str, amount_minor: i64) -> Result<i64>;
        pub async fn remove_plan_line(&self, by: &Actor, plan: i64, line: i64) -> Result<()>;
        pub async fn plan_lines(&self, plan: i64) -> Result<Vec<PlanLineRow>>;
        pub async fn plan_transition(&self, by: &Actor, id: i64, event: Event, reason: &str, score_x100: Option<i64>, on: time::Date) -> Result<Status>;
        pub async fn plan_events(&self, id: i64) -> Result<Vec<ApplicationEvent>>;
        pub async fn record_purchase(&self, by: &Actor, p: &NewPurchase) -> Result<i64>;
        pub async fn purchases(&self, plan: i64) -> Result<Vec<PurchaseRow>>;
        pub async fn expert_group(&self) -> Result<Option<(PanelRow, Vec<CommissionMemberRow>)>>;
        pub async fn set_expert_group(&self, by: &Actor, name: &str, quorum: i64) -> Result<i64>;
    }
}
