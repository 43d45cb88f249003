//! The synthetic country's grievances taken before emgek (`grievances.csv`, the `grievances`
//! records layout): a hotline's register of the last year, one complaint for every 500
//! households (at least 20), spread over the rayons. Drawn without a random generator, so that
//! a seed's other files keep their values.

use std::io;
use std::path::Path;

use emgek_domain::geography::RAYONS;

/// What the complaints are about, with their words.
const COMPLAINTS: [(&str, &str); 5] = [
    ("payment.late", "Экинчи транш эки айдан бери келе элек."),
    ("targeting.exclusion", "Үч балалуу үй-бүлөбүз тизмеге кирген жок."),
    ("data.wrong", "Үйүбүздүн дареги туура эмес жазылган."),
    ("commission.conduct", "Комиссия бизнес-планды окубай туруп баш тартты."),
    ("service.other", "Райондук бөлүмдө эч ким кабыл алган жок."),
];

/// Writes `grievances.csv`; answers how many grievances it holds.
pub fn write(households: u64, seed: u64, out: &Path) -> io::Result<usize> {
    let count = usize::try_from((households / 500).max(20)).unwrap_or(20);
    let mut file = csv::Writer::from_path(out.join("grievances.csv"))?;
    file.write_record([
        "reference",
        "received_on",
        "channel",
        "category",
        "rayon",
        "anonymous",
        "name",
        "contact",
        "language",
        "about",
        "about_ref",
        "summary",
    ])?;
    for n in 0..count {
        let (category, words) = COMPLAINTS[n % COMPLAINTS.len()];
        let rayon = &RAYONS[(n * 7 + seed as usize) % RAYONS.len()];
        let anonymous = n % 6 == 5;
        // Within 2025, a day of each month in turn.
        let received = format!("2025-{:02}-{:02}", 1 + n % 12, 1 + (n * 3) % 28);
        let channel = ["hotline", "letter", "office"][n % 3];
        let (name, contact) = if anonymous {
            (String::new(), String::new())
        } else {
            (format!("Арыздануучу {}", n + 1), format!("+996700{:06}", (seed as usize * 1_000 + n) % 1_000_000))
        };
        file.write_record([
            format!("HL-{seed}-{:05}", n + 1).as_str(),
            &received,
            channel,
            category,
            rayon.code,
            if anonymous { "yes" } else { "no" },
            &name,
            &contact,
            if n % 4 == 3 { "ru" } else { "ky" },
            "none",
            "",
            words,
        ])?;
    }
    file.flush()?;
    Ok(count)
}
