//! The synthetic country's calendar of working days (`calendar.csv`, the `calendar` records
//! layout), which grievances' deadlines are counted on.

use std::io;
use std::path::Path;

/// Writes `calendar.csv` in the calendar's layout (day, kind, name): the public holidays of
/// 2024–2026 that fall on the same day every year, and Orozo Ait of 2026 (20 March). A made-up
/// country's calendar, not the published one: the other Aits and the days off the Cabinet moved
/// are left out.
pub fn write(out: &Path) -> io::Result<usize> {
    const FIXED: [(u8, u8, &str); 11] = [
        (1, 1, "Жаңы жыл"),
        (1, 7, "Ыйсанын туулган күнү"),
        (2, 23, "Ата Мекенди коргоочулардын күнү"),
        (3, 8, "Эл аралык аялдар күнү"),
        (3, 21, "Нооруз"),
        (5, 1, "Эмгек майрамы"),
        (5, 5, "Конституция күнү"),
        (5, 9, "Жеңиш күнү"),
        (8, 31, "Эгемендүүлүк күнү"),
        (11, 7, "Тарых жана ата-бабаларды эскерүү күнү"),
        (11, 8, "Тарых жана ата-бабаларды эскерүү күнү"),
    ];
    let mut file = csv::Writer::from_path(out.join("calendar.csv"))?;
    file.write_record(["day", "kind", "name"])?;
    let mut days = 0;
    for year in 2024..=2026 {
        for (month, day, name) in FIXED {
            if (year, month, day) == (2026, 3, 21) {
                file.write_record(["2026-03-20", "holiday", "Орозо айт"])?;
                days += 1;
            }
            file.write_record([format!("{year}-{month:02}-{day:02}").as_str(), "holiday", name])?;
            days += 1;
        }
    }
    file.flush()?;
    Ok(days)
}
