//! Names of people as registries hold them: in Cyrillic, in Latin, and in variants of both.
//!
//! `search_key` folds a name in either script to one Latin spelling with the usual variants
//! collapsed (Асанов, Asanov and Assanov; Жылдыз, Jyldyz and Zhyldyz; уулу and uluu), so that a
//! search in one script finds records written in the other.

/// Kyrgyz and Russian Cyrillic to a plain Latin spelling.
pub fn transliterate(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        let lower = ch.to_lowercase().next().unwrap_or(ch);
        let latin = match lower {
            'а' => "a",
            'б' => "b",
            'в' => "v",
            'г' => "g",
            'д' => "d",
            'е' => "e",
            'ё' => "yo",
            'ж' => "j",
            'з' => "z",
            'и' => "i",
            'й' => "y",
            'к' => "k",
            'л' => "l",
            'м' => "m",
            'н' => "n",
            'ң' => "ng",
            'о' => "o",
            'ө' => "ö",
            'п' => "p",
            'р' => "r",
            'с' => "s",
            'т' => "t",
            'у' => "u",
            'ү' => "ü",
            'ф' => "f",
            'х' => "kh",
            'ц' => "ts",
            'ч' => "ch",
            'ш' => "sh",
            'щ' => "shch",
            'ъ' | 'ь' => "",
            'ы' => "y",
            'э' => "e",
            'ю' => "yu",
            'я' => "ya",
            _ => {
                // Keep the original case for anything that is not Cyrillic.
                out.push(ch);
                continue;
            }
        };
        if ch.is_uppercase() {
            let mut chars = latin.chars();
            if let Some(first) = chars.next() {
                out.extend(first.to_uppercase());
                out.push_str(chars.as_str());
            }
        } else {
            out.push_str(latin);
        }
    }
    out
}

/// The folded form of a name used for searching: lower-case Latin letters, one space between
/// words, spelling variants collapsed. Equal keys mean "probably the same written name".
pub fn search_key(text: &str) -> String {
    let latin = transliterate(text).to_lowercase();
    let mut words = Vec::new();
    for word in latin.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        words.push(fold_word(word));
    }
    words.join(" ")
}

fn fold_word(word: &str) -> String {
    let mut s: String = word
        .chars()
        .map(|c| match c {
            'ü' | 'ù' | 'ú' => 'u',
            'ö' | 'ò' | 'ó' => 'o',
            'ñ' => 'n',
            'ı' | 'y' => 'i',
            'w' => 'v',
            'x' => 'h',
            c => c,
        })
        .collect();
    for (from, to) in
        [("dzh", "j"), ("dj", "j"), ("zh", "j"), ("kh", "h"), ("ch", "c"), ("sh", "s"), ("ts", "c"), ("ph", "f")]
    {
        // Most words hold none of these: look before building a new string (an import folds
        // millions of names).
        if s.as_bytes().windows(from.len()).any(|w| w == from.as_bytes()) {
            s = s.replace(from, to);
        }
    }
    let mut folded = String::with_capacity(s.len());
    for c in s.chars() {
        if folded.ends_with(c) {
            continue;
        }
        folded.push(c);
    }
    folded
}

/// True if every letter of `text` is Cyrillic (spaces, hyphens, apostrophes and dots allowed).
pub fn is_cyrillic_name(text: &str) -> bool {
    has_letters_only(text, |c| matches!(c, 'А'..='я' | 'Ё' | 'ё' | 'Ң' | 'ң' | 'Ө' | 'ө' | 'Ү' | 'ү'))
}

/// True if every letter of `text` is Latin, with the diacritics of Kyrgyz transliteration.
pub fn is_latin_name(text: &str) -> bool {
    has_letters_only(text, |c| c.is_ascii_alphabetic() || matches!(c, 'ü' | 'Ü' | 'ö' | 'Ö' | 'ñ' | 'Ñ'))
}

fn has_letters_only(text: &str, letter: impl Fn(char) -> bool) -> bool {
    text.chars().any(&letter) && text.chars().all(|c| letter(c) || matches!(c, ' ' | '-' | '\'' | '.' | '’'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cyrillic_and_latin_spellings_fold_to_one_key() {
        assert_eq!(search_key("Асанов Айбек"), search_key("Asanov Aibek"));
        assert_eq!(search_key("Асанов"), search_key("Assanov"));
        assert_eq!(search_key("Жылдыз"), search_key("Zhyldyz"));
        assert_eq!(search_key("Жылдыз"), search_key("Jyldyz"));
        assert_eq!(search_key("Бакыт уулу"), search_key("Bakyt uluu"));
        assert_eq!(search_key("Чолпон кызы"), search_key("Cholpon kizi"));
        assert_eq!(search_key("Үмүт"), search_key("Ümüt"));
        assert_eq!(search_key("Хасанов"), search_key("Khasanov"));
    }

    #[test]
    fn different_names_keep_different_keys() {
        assert_ne!(search_key("Асанов"), search_key("Усенов"));
        assert_ne!(search_key("Айбек"), search_key("Айгүл"));
    }

    #[test]
    fn transliteration_keeps_capitals() {
        assert_eq!(transliterate("Жылдыз Өмүрбекова"), "Jyldyz Ömürbekova");
    }

    #[test]
    fn scripts_are_told_apart() {
        assert!(is_cyrillic_name("Асанов Айбек Бакыт уулу"));
        assert!(!is_cyrillic_name("Asanov"));
        assert!(!is_cyrillic_name("Асанов1"));
        assert!(is_latin_name("Ömürbekova Jyldyz"));
        assert!(!is_latin_name("Асанов"));
        assert!(!is_latin_name(" "));
    }
}
