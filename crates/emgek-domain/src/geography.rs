//! Kyrgyzstan's oblasts, the cities of republican significance and their rayons.
//!
//! This is the reference list the database migration loads (a store test checks that the two
//! agree) and that the synthetic-data generator draws from. Oblast codes are ISO 3166-2:KG.
//! Rayon codes are emgek's own: the oblast's ISO suffix and three letters of the rayon's name.
//! Bishkek's four city districts stand in its rayons' place; Osh city is one unit of its own.
//! `population_k` (thousands, rounded, public statistics) weighs the synthetic country.

pub struct Oblast {
    pub code: &'static str,
    pub name_ky: &'static str,
    pub name_ru: &'static str,
    pub name_en: &'static str,
}

pub struct Rayon {
    pub code: &'static str,
    pub oblast: &'static str,
    pub name_ky: &'static str,
    pub name_ru: &'static str,
    pub name_en: &'static str,
    pub population_k: u32,
}

pub const OBLASTS: &[Oblast] = &[
    Oblast {
        code: "KG-B", name_ky: "Баткен облусу", name_ru: "Баткенская область", name_en: "Batken Region"
    },
    Oblast {
        code: "KG-C", name_ky: "Чүй облусу", name_ru: "Чуйская область", name_en: "Chüy Region"
    },
    Oblast {
        code: "KG-J",
        name_ky: "Жалал-Абад облусу",
        name_ru: "Джалал-Абадская область",
        name_en: "Jalal-Abad Region",
    },
    Oblast {
        code: "KG-N", name_ky: "Нарын облусу", name_ru: "Нарынская область", name_en: "Naryn Region"
    },
    Oblast {
        code: "KG-O", name_ky: "Ош облусу", name_ru: "Ошская область", name_en: "Osh Region"
    },
    Oblast {
        code: "KG-T", name_ky: "Талас облусу", name_ru: "Таласская область", name_en: "Talas Region"
    },
    Oblast {
        code: "KG-Y", name_ky: "Ысык-Көл облусу", name_ru: "Иссык-Кульская область", name_en: "Issyk-Kul Region"
    },
    Oblast {
        code: "KG-GB", name_ky: "Бишкек шаары", name_ru: "город Бишкек", name_en: "Bishkek City"
    },
    Oblast { code: "KG-GO", name_ky: "Ош шаары", name_ru: "город Ош", name_en: "Osh City" },
];

macro_rules! rayon {
    ($code:literal, $oblast:literal, $ky:literal, $ru:literal, $en:literal, $pop:literal) => {
        Rayon { code: $code, oblast: $oblast, name_ky: $ky, name_ru: $ru, name_en: $en, population_k: $pop }
    };
}

pub const RAYONS: &[Rayon] = &[
    rayon!("KG-B-BAT", "KG-B", "Баткен району", "Баткенский район", "Batken District", 110),
    rayon!("KG-B-KAD", "KG-B", "Кадамжай району", "Кадамжайский район", "Kadamjay District", 220),
    rayon!("KG-B-LEI", "KG-B", "Лейлек району", "Лейлекский район", "Leilek District", 150),
    rayon!("KG-C-ALA", "KG-C", "Аламүдүн району", "Аламудунский район", "Alamüdün District", 190),
    rayon!("KG-C-CHU", "KG-C", "Чүй району", "Чуйский район", "Chüy District", 50),
    rayon!("KG-C-JAI", "KG-C", "Жайыл району", "Жайылский район", "Jayyl District", 100),
    rayon!("KG-C-KEM", "KG-C", "Кемин району", "Кеминский район", "Kemin District", 50),
    rayon!("KG-C-MOS", "KG-C", "Москва району", "Московский район", "Moskva District", 90),
    rayon!("KG-C-PAN", "KG-C", "Панфилов району", "Панфиловский район", "Panfilov District", 50),
    rayon!("KG-C-SOK", "KG-C", "Сокулук району", "Сокулукский район", "Sokuluk District", 190),
    rayon!("KG-C-YSY", "KG-C", "Ысык-Ата району", "Ысык-Атинский район", "Ysyk-Ata District", 150),
    rayon!("KG-J-AKS", "KG-J", "Аксы району", "Аксыйский район", "Aksy District", 130),
    rayon!("KG-J-ALA", "KG-J", "Ала-Бука району", "Ала-Букинский район", "Ala-Buka District", 110),
    rayon!("KG-J-BAZ", "KG-J", "Базар-Коргон району", "Базар-Коргонский район", "Bazar-Korgon District", 190),
    rayon!("KG-J-CHA", "KG-J", "Чаткал району", "Чаткальский район", "Chatkal District", 30),
    rayon!("KG-J-NOO", "KG-J", "Ноокен району", "Ноокенский район", "Nooken District", 150),
    rayon!("KG-J-SUZ", "KG-J", "Сузак району", "Сузакский район", "Suzak District", 300),
    rayon!("KG-J-TOG", "KG-J", "Тогуз-Торо району", "Тогуз-Тороуский район", "Toguz-Toro District", 25),
    rayon!("KG-J-TOK", "KG-J", "Токтогул району", "Токтогульский район", "Toktogul District", 100),
    rayon!("KG-N-AKT", "KG-N", "Ак-Талаа району", "Ак-Талинский район", "Ak-Talaa District", 40),
    rayon!("KG-N-ATB", "KG-N", "Ат-Башы району", "Ат-Башинский район", "At-Bashy District", 60),
    rayon!("KG-N-JUM", "KG-N", "Жумгал району", "Жумгальский район", "Jumgal District", 45),
    rayon!("KG-N-KOC", "KG-N", "Кочкор району", "Кочкорский район", "Kochkor District", 70),
    rayon!("KG-N-NAR", "KG-N", "Нарын району", "Нарынский район", "Naryn District", 50),
    rayon!("KG-O-ALA", "KG-O", "Алай району", "Алайский район", "Alay District", 85),
    rayon!("KG-O-ARA", "KG-O", "Араван району", "Араванский район", "Aravan District", 130),
    rayon!("KG-O-CHA", "KG-O", "Чоң-Алай району", "Чон-Алайский район", "Chong-Alay District", 30),
    rayon!("KG-O-KKU", "KG-O", "Кара-Кулжа району", "Кара-Кульджинский район", "Kara-Kulja District", 100),
    rayon!("KG-O-KSU", "KG-O", "Кара-Суу району", "Кара-Суйский район", "Kara-Suu District", 420),
    rayon!("KG-O-NOO", "KG-O", "Ноокат району", "Ноокатский район", "Nookat District", 270),
    rayon!("KG-O-OZG", "KG-O", "Өзгөн району", "Узгенский район", "Özgön District", 270),
    rayon!("KG-T-BAK", "KG-T", "Бакай-Ата району", "Бакай-Атинский район", "Bakay-Ata District", 50),
    rayon!("KG-T-KBU", "KG-T", "Кара-Буура району", "Кара-Бууринский район", "Kara-Buura District", 60),
    rayon!("KG-T-MAN", "KG-T", "Манас району", "Манасский район", "Manas District", 40),
    rayon!("KG-T-TAL", "KG-T", "Талас району", "Таласский район", "Talas District", 120),
    rayon!("KG-Y-AKS", "KG-Y", "Ак-Суу району", "Ак-Суйский район", "Ak-Suu District", 70),
    rayon!("KG-Y-JET", "KG-Y", "Жети-Өгүз району", "Джети-Огузский район", "Jeti-Ögüz District", 90),
    rayon!("KG-Y-YSY", "KG-Y", "Ысык-Көл району", "Иссык-Кульский район", "Ysyk-Köl District", 80),
    rayon!("KG-Y-TON", "KG-Y", "Тоң району", "Тонский район", "Tong District", 50),
    rayon!("KG-Y-TUP", "KG-Y", "Түп району", "Тюпский район", "Tüp District", 60),
    rayon!("KG-GB-LEN", "KG-GB", "Ленин району", "Ленинский район", "Lenin District", 320),
    rayon!("KG-GB-OKT", "KG-GB", "Октябрь району", "Октябрьский район", "Oktyabr District", 300),
    rayon!("KG-GB-PER", "KG-GB", "Биринчи Май району", "Первомайский район", "Pervomay District", 230),
    rayon!("KG-GB-SVE", "KG-GB", "Свердлов району", "Свердловский район", "Sverdlov District", 300),
    rayon!("KG-GO-OSH", "KG-GO", "Ош шаары", "город Ош", "Osh City", 340),
];

pub fn oblast(code: &str) -> Option<&'static Oblast> {
    OBLASTS.iter().find(|o| o.code == code)
}

pub fn rayon(code: &str) -> Option<&'static Rayon> {
    RAYONS.iter().find(|r| r.code == code)
}

/// Words that say what kind of place a name is, left out when names are compared: "Чуйская
/// область", "Чүй облусу" and "Chüy Region" are all "Chüy"; "Сокулукский р-н" is Sokuluk.
const KIND_WORDS: &[&str] = &[
    "область",
    "обл",
    "облусу",
    "облысы",
    "region",
    "oblast",
    "район",
    "р-н",
    "р-он",
    "району",
    "district",
    "rayon",
    "шаары",
    "шаар",
    "город",
    "г",
    "city",
];

/// A place's name as compared: lower case, ё as е, ü ö ң as u o н, punctuation as spaces, the
/// kind words left out.
fn place_key(text: &str) -> String {
    let folded: String = text
        .to_lowercase()
        .chars()
        .map(|c| match c {
            'ё' => 'е',
            'ü' => 'u',
            'ö' => 'o',
            '.' | ',' | '(' | ')' | '"' | '«' | '»' => ' ',
            other => other,
        })
        .collect();
    folded.split_whitespace().filter(|w| !KIND_WORDS.contains(w)).collect::<Vec<_>>().join(" ")
}

/// An oblast by its code or by its name in Kyrgyz, Russian or English, as offices type it
/// ("KG-C", "Чуйская область", "Чүй облусу", "Chüy").
pub fn find_oblast(text: &str) -> Option<&'static Oblast> {
    let code = text.trim().to_uppercase();
    if let Some(o) = oblast(&code) {
        return Some(o);
    }
    let key = place_key(text);
    (!key.is_empty()).then_some(())?;
    OBLASTS.iter().find(|o| [o.name_ky, o.name_ru, o.name_en].iter().any(|n| place_key(n) == key))
}

/// A rayon by its code or by its name in any of the three languages ("Сокулукский район",
/// "Сокулук району", "Sokuluk"); where a name is shared, the one of `oblast` (a code).
pub fn find_rayon(text: &str, oblast: Option<&str>) -> Option<&'static Rayon> {
    let code = text.trim().to_uppercase();
    if let Some(r) = rayon(&code) {
        return Some(r);
    }
    let key = place_key(text);
    (!key.is_empty()).then_some(())?;
    let named = |r: &&Rayon| [r.name_ky, r.name_ru, r.name_en].iter().any(|n| place_key(n) == key);
    let mut found = RAYONS.iter().filter(named);
    let first = found.next()?;
    match oblast {
        Some(o) if first.oblast != o => found.find(|r| r.oblast == o).or(Some(first)),
        _ => Some(first),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_are_found_by_code_or_by_name_in_any_of_the_three_languages() {
        for typed in ["KG-C", "kg-c", "Чуйская область", "Чүй облусу", "Chüy Region", "чуйская обл.", "Chuy"]
        {
            assert_eq!(find_oblast(typed).map(|o| o.code), Some("KG-C"), "{typed}");
        }
        for typed in
            ["KG-C-SOK", "Сокулукский район", "Сокулукский р-н", "Сокулук району", "Sokuluk District", "сокулук"]
        {
            assert_eq!(find_rayon(typed, Some("KG-C")).map(|r| r.code), Some("KG-C-SOK"), "{typed}");
        }
        assert_eq!(find_rayon("город Ош", None).map(|r| r.code), Some("KG-GO-OSH"));
        assert!(find_oblast("Нарнияская область").is_none() && find_rayon("", None).is_none());
    }

    #[test]
    fn every_rayon_belongs_to_a_listed_oblast_and_codes_are_unique() {
        for r in RAYONS {
            assert!(oblast(r.oblast).is_some(), "{}", r.code);
            assert!(r.code.starts_with(&format!("{}-", r.oblast)), "{}", r.code);
        }
        let mut codes: Vec<_> = RAYONS.iter().map(|r| r.code).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), RAYONS.len());
    }

    #[test]
    fn every_oblast_has_at_least_one_rayon() {
        for o in OBLASTS {
            assert!(RAYONS.iter().any(|r| r.oblast == o.code), "{}", o.code);
        }
    }
}
