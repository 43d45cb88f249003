//! Producers and their products: what kinds of producer there are, the product categories and
//! local resources of the programme, and the checks on a product's description in the three
//! languages.

use serde::{Deserialize, Serialize};

use crate::field_error::FieldError;

coded!(
    /// Who makes a product.
    ProducerKind {
        /// A family business funded by a Social Contract.
        Household = "household",
        Cooperative = "cooperative",
        /// A workshop of a prison enterprise.
        PrisonWorkshop = "prison_workshop",
        /// Any other enterprise or entrepreneur.
        Enterprise = "enterprise",
    }
);

coded!(
    /// The programme's product categories, which a Social Contract business plan picks too.
    Category {
        Honey = "honey",
        NaturalJuices = "natural_juices",
        Jams = "jams",
        Felt = "felt",
        Meat = "meat",
        Dairy = "dairy",
        DriedFruit = "dried_fruit",
        Nuts = "nuts",
        HerbalTea = "herbal_tea",
        Textiles = "textiles",
        Handicrafts = "handicrafts",
        Bakery = "bakery",
    }
);

coded!(
    /// The local resources a product is made from.
    LocalResource {
        Wool = "wool",
        Milk = "milk",
        Honey = "honey",
        Fruit = "fruit",
        Berries = "berries",
        Walnuts = "walnuts",
        Herbs = "herbs",
        Meat = "meat",
        Grain = "grain",
        Vegetables = "vegetables",
        Leather = "leather",
        Wood = "wood",
        Clay = "clay",
    }
);

coded!(
    /// Where products are sold.
    OutletKind {
        Shop = "shop",
        Market = "market",
        Fair = "fair",
        Hotel = "hotel",
        Online = "online",
    }
);

/// Reads a list of local resources, `wool, milk` or `wool milk`: at least one, each known, each
/// once, in the catalogue's order.
pub fn parse_resources(text: &str) -> Result<Vec<LocalResource>, FieldError> {
    let mut found = Vec::new();
    for word in text.split(|c: char| c == ',' || c.is_whitespace()).filter(|w| !w.is_empty()) {
        let Some(r) = LocalResource::parse(word) else {
            return Err(FieldError::new("local_resources", "ovop.resource_unknown", word));
        };
        if !found.contains(&r) {
            found.push(r);
        }
    }
    if found.is_empty() {
        return Err(FieldError::new("local_resources", "ovop.resources_required", ""));
    }
    found.sort();
    Ok(found)
}

/// The resources as stored and exchanged: codes joined by commas.
pub fn resources_code(resources: &[LocalResource]) -> String {
    resources.iter().map(|r| r.code()).collect::<Vec<_>>().join(",")
}

/// A product's names and descriptions: Kyrgyz, Russian, English.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Texts {
    pub ky: String,
    pub ru: String,
    pub en: String,
}

impl Texts {
    /// The text in `lang` (`ky`, `ru`, `en`), or in the first language that has one.
    pub fn get(&self, lang: &str) -> &str {
        let own = match lang {
            "ky" => &self.ky,
            "ru" => &self.ru,
            _ => &self.en,
        };
        [own, &self.ky, &self.ru, &self.en].into_iter().find(|t| !t.trim().is_empty()).map(String::as_str).unwrap_or("")
    }

    fn fields(&self) -> [(&'static str, &str); 3] {
        [("ky", &self.ky), ("ru", &self.ru), ("en", &self.en)]
    }
}

/// Checks a product's names (all three: the public catalogue is read in each) and descriptions
/// (each optional, of reasonable length). Fields are `name_ky`, `description_en`, ….
pub fn check_texts(names: &Texts, descriptions: &Texts) -> Vec<FieldError> {
    let mut errors = Vec::new();
    for (lang, name) in names.fields() {
        let n = name.trim().chars().count();
        if n == 0 {
            errors.push(FieldError::new(format!("name_{lang}"), "text.required", ""));
        } else if n > 120 {
            errors.push(FieldError::new(format!("name_{lang}"), "text.too_long", "120"));
        }
    }
    for (lang, text) in descriptions.fields() {
        if text.chars().count() > 2_000 {
            errors.push(FieldError::new(format!("description_{lang}"), "text.too_long", "2000"));
        }
    }
    errors
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_reads_back_as_itself() {
        for k in ProducerKind::ALL {
            assert_eq!(ProducerKind::parse(k.code()), Some(*k));
        }
        for c in Category::ALL {
            assert_eq!(Category::parse(c.code()), Some(*c));
        }
        for r in LocalResource::ALL {
            assert_eq!(LocalResource::parse(r.code()), Some(*r));
        }
    }

    #[test]
    fn local_resources_are_a_list_of_known_codes_each_once() {
        assert_eq!(parse_resources("milk, wool milk"), Ok(vec![LocalResource::Wool, LocalResource::Milk]));
        assert_eq!(resources_code(&[LocalResource::Wool, LocalResource::Milk]), "wool,milk");
        assert_eq!(parse_resources("wool, gold").unwrap_err().rule, "ovop.resource_unknown");
        assert_eq!(parse_resources(" , ").unwrap_err().rule, "ovop.resources_required");
    }

    #[test]
    fn a_product_needs_its_name_in_each_language_and_falls_back_for_descriptions() {
        let names = Texts { ky: "Ак бал".into(), ru: "".into(), en: "x".repeat(121) };
        let rules: Vec<_> = check_texts(&names, &Texts::default()).into_iter().map(|e| (e.field, e.rule)).collect();
        assert_eq!(rules, [("name_ru".to_string(), "text.required"), ("name_en".to_string(), "text.too_long")]);
        let d = Texts { ky: "Тоо балы".into(), ru: String::new(), en: "Mountain honey".into() };
        assert_eq!((d.get("ru"), d.get("en")), ("Тоо балы", "Mountain honey"));
    }
}
