//! The real gateways of the outbox, started for a test: Kannel (Debian's `bearerbox` and
//! `smsbox`) in front of the fake SMSC of `kannel-extras`, which prints every SMS it gets, and
//! Python's `aiosmtpd` keeping every e-mail in a maildir. Each on free ports of 127.0.0.1, in a
//! folder of its own, stopped when dropped.

use std::collections::BTreeMap;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub const BEARERBOX: &str = "/usr/sbin/bearerbox";
pub const SMSBOX: &str = "/usr/sbin/smsbox";
pub const FAKESMSC: &str = "/usr/lib/kannel/test/fakesmsc";

/// What is missing of the gateways' programs on this machine, if anything.
pub fn missing() -> Vec<String> {
    let mut out = Vec::new();
    for (path, package) in [(BEARERBOX, "kannel"), (SMSBOX, "kannel"), (FAKESMSC, "kannel-extras")] {
        if !Path::new(path).exists() {
            out.push(format!("{path} (Debian's {package})"));
        }
    }
    let smtpd = Command::new("python3").args(["-c", "import aiosmtpd"]).stderr(Stdio::null()).status();
    if !smtpd.is_ok_and(|s| s.success()) {
        out.push("python3's aiosmtpd (pip install aiosmtpd)".into());
    }
    out
}

/// A port nobody listens on now.
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map(|a| a.port()).expect("a free port")
}

fn wait_for_port(port: u16, within: Duration) -> bool {
    let until = Instant::now() + within;
    while Instant::now() < until {
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    false
}

struct Running(Vec<Child>);

impl Drop for Running {
    fn drop(&mut self) {
        for child in self.0.iter_mut().rev() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// Kannel with a fake SMSC. `emgek_url` is where its `sms-service` sends the SMS people send
/// (`/gateway/kannel/sms`), with `key`.
pub struct Kannel {
    pub dir: PathBuf,
    /// smsbox's `sendsms`, for emgek's `--kannel-sendsms`.
    pub sendsms_url: String,
    pub username: String,
    pub password: String,
    fake_port: u16,
    running: Running,
}

impl Kannel {
    pub fn start(dir: &Path, emgek_url: &str, key: &str) -> Kannel {
        std::fs::create_dir_all(dir).expect("Kannel's folder");
        let (admin, boxes, fake, sendsms) = (free_port(), free_port(), free_port(), free_port());
        let d = dir.display();
        let conf = format!(
            "group = core\nadmin-port = {admin}\nadmin-password = emgek-test\nadmin-allow-ip = \"127.0.0.1\"\n\
             smsbox-port = {boxes}\nbox-allow-ip = \"127.0.0.1\"\nlog-level = 1\nlog-file = \"{d}/bearerbox.log\"\n\
             dlr-storage = internal\n\n\
             group = smsc\nsmsc = fake\nsmsc-id = fake\nport = {fake}\nconnect-allow-ip = \"127.0.0.1\"\n\n\
             group = smsbox\nbearerbox-host = 127.0.0.1\nbearerbox-port = {boxes}\nsendsms-port = {sendsms}\n\
             sendsms-interface = 127.0.0.1\nlog-level = 1\nlog-file = \"{d}/smsbox.log\"\n\
             http-request-retry = 600\nhttp-queue-delay = 1\nmo-recode = true\n\n\
             group = sendsms-user\nusername = emgek\npassword = emgek-test\nmax-messages = 10\nconcatenation = true\n\n\
             group = sms-service\nkeyword = default\ncatch-all = true\nmax-messages = 0\nomit-empty = true\n\
             get-url = \"{emgek_url}/gateway/kannel/sms?key={key}&from=%p&to=%P&id=%I&text=%a\"\n"
        );
        let conf_path = dir.join("kannel.conf");
        std::fs::write(&conf_path, conf).expect("Kannel's configuration");
        let log = |name: &str| std::fs::File::create(dir.join(name)).expect("a log file");
        let mut running = Running(Vec::new());
        running.0.push(
            Command::new(BEARERBOX)
                .arg(&conf_path)
                .stdout(log("bearerbox.out"))
                .stderr(log("bearerbox.err"))
                .spawn()
                .expect("bearerbox starts"),
        );
        assert!(wait_for_port(boxes, Duration::from_secs(10)), "bearerbox listens");
        running.0.push(
            Command::new(SMSBOX)
                .arg(&conf_path)
                .stdout(log("smsbox.out"))
                .stderr(log("smsbox.err"))
                .spawn()
                .expect("smsbox starts"),
        );
        assert!(wait_for_port(sendsms, Duration::from_secs(10)), "smsbox's sendsms listens");
        let mut kannel = Kannel {
            dir: dir.to_path_buf(),
            sendsms_url: format!("http://127.0.0.1:{sendsms}/cgi-bin/sendsms"),
            username: "emgek".into(),
            password: "emgek-test".into(),
            fake_port: fake,
            running,
        };
        // The fake SMSC is the last process: it is started again when a phone sends an SMS.
        let fake = kannel.fake_smsc(&["-m", "0", "1 2 text nop"]);
        kannel.running.0.push(fake);
        kannel
    }

    /// Every SMS the fake SMSC got so far: (to, text), long ones put back together.
    pub fn received(&self) -> Vec<Sms> {
        let out = std::fs::read_to_string(self.dir.join("fakesmsc.out")).unwrap_or_default()
            + &std::fs::read_to_string(self.dir.join("fakesmsc.err")).unwrap_or_default();
        parse_fakesmsc(&out)
    }

    /// A person sends `text` from her phone `from` to the programme's number `to`: the fake
    /// SMSC is started again with that one message to send (in UCS-2), and keeps taking what
    /// the gateway sends as before.
    pub fn phone_sends(&mut self, from: &str, to: &str, text: &str) {
        let data: String = text.encode_utf16().flat_map(|u| u.to_be_bytes()).map(|b| format!("%{b:02X}")).collect();
        if let Some(mut fake) = self.running.0.pop() {
            let _ = fake.kill();
            let _ = fake.wait();
        }
        let fake = self.fake_smsc(&["-m", "1", &format!("{from} {to} ucs2 {data}")]);
        self.running.0.push(fake);
    }

    fn fake_smsc(&self, args: &[&str]) -> Child {
        let append = |name: &str| {
            std::fs::OpenOptions::new().create(true).append(true).open(self.dir.join(name)).expect("a log file")
        };
        Command::new(FAKESMSC)
            .args(["-H", "127.0.0.1", "-r", &self.fake_port.to_string(), "-i", "0.1"])
            .args(args)
            .stdout(append("fakesmsc.out"))
            .stderr(append("fakesmsc.err"))
            .spawn()
            .expect("fakesmsc starts")
    }

    /// Stops everything now (as at the end of the test).
    pub fn stop(self) {
        drop(self.running);
    }
}

/// An SMS as the fake SMSC printed it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sms {
    pub from: String,
    pub to: String,
    pub text: String,
}

fn unescape(s: &str) -> Vec<u8> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%'
            && i + 2 < b.len()
            && let Ok(v) = u8::from_str_radix(&s[i + 1..i + 3], 16)
        {
            out.push(v);
            i += 3;
            continue;
        }
        out.push(if b[i] == b'+' { b' ' } else { b[i] });
        i += 1;
    }
    out
}

fn utf16(bytes: &[u8]) -> String {
    let units: Vec<u16> = bytes.chunks(2).map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)])).collect();
    String::from_utf16_lossy(&units)
}

/// A long SMS's parts seen so far: how many it has, each by its number, and its sender.
type Parts = (u8, BTreeMap<u8, Vec<u8>>, String);

/// Reads fakesmsc's lines `Got message N: <from to ucs-2 DATA>` and
/// `<from to udh UDH data DATA>` (a part of a long SMS, put together by its reference).
pub fn parse_fakesmsc(out: &str) -> Vec<Sms> {
    let mut done = Vec::new();
    let mut parts: BTreeMap<(String, u8), Parts> = BTreeMap::new();
    for line in out.lines() {
        let Some(start) = line.find("Got message") else { continue };
        let Some(open) = line[start..].find('<') else { continue };
        let inner = line[start + open + 1..].trim_end().trim_end_matches('>');
        let fields: Vec<&str> = inner.split(' ').collect();
        if fields.len() < 4 {
            continue;
        }
        let (from, to, kind) = (fields[0].to_string(), fields[1].to_string(), fields[2]);
        match kind {
            "ucs-2" => done.push(Sms { from, to, text: utf16(&unescape(fields[3])) }),
            "text" => {
                done.push(Sms { from, to, text: String::from_utf8_lossy(&unescape(&fields[3..].join(" "))).into() })
            }
            "udh" if fields.len() >= 6 => {
                let udh = unescape(fields[3]);
                // 05 00 03 REF TOTAL SEQ
                if udh.len() >= 6 && udh[1] == 0 {
                    let (reference, total, seq) = (udh[3], udh[4], udh[5]);
                    let entry = parts.entry((to.clone(), reference)).or_insert((total, BTreeMap::new(), from.clone()));
                    entry.1.insert(seq, unescape(fields[5]));
                    if entry.1.len() == entry.0 as usize {
                        let (_, pieces, from) = parts.remove(&(to.clone(), reference)).unwrap_or_default();
                        let bytes: Vec<u8> = pieces.into_values().flatten().collect();
                        done.push(Sms { from, to, text: utf16(&bytes) });
                    }
                }
            }
            _ => {}
        }
    }
    done
}

/// aiosmtpd keeping every e-mail in a maildir.
pub struct SmtpSink {
    pub dir: PathBuf,
    pub port: u16,
    _running: Running,
}

impl SmtpSink {
    pub fn start(dir: &Path) -> SmtpSink {
        std::fs::create_dir_all(dir).expect("the maildir's folder");
        let port = free_port();
        let maildir = dir.join("maildir");
        let log = |name: &str| std::fs::File::create(dir.join(name)).expect("a log file");
        let child = Command::new("python3")
            .args(["-m", "aiosmtpd", "-n", "-l", &format!("127.0.0.1:{port}"), "-c", "aiosmtpd.handlers.Mailbox"])
            .arg(&maildir)
            .stdout(log("smtpd.out"))
            .stderr(log("smtpd.err"))
            .spawn()
            .expect("aiosmtpd starts");
        let running = Running(vec![child]);
        assert!(wait_for_port(port, Duration::from_secs(15)), "aiosmtpd listens");
        SmtpSink { dir: dir.to_path_buf(), port, _running: running }
    }

    /// The Message-ID of every e-mail received, one per e-mail.
    pub fn message_ids(&self) -> Vec<String> {
        let mut out = Vec::new();
        for sub in ["new", "cur"] {
            let Ok(entries) = std::fs::read_dir(self.dir.join("maildir").join(sub)) else { continue };
            for e in entries.flatten() {
                let text = std::fs::read_to_string(e.path()).unwrap_or_default();
                if let Some(line) = text.lines().find(|l| l.to_ascii_lowercase().starts_with("message-id:")) {
                    out.push(line["message-id:".len()..].trim().to_string());
                }
            }
        }
        out.sort();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fakesmsc_lines_give_back_kyrgyz_texts_whole() {
        let out = "x DEBUG: Got message 1: <1414 +996700123456 ucs-2 %04%A3%04%E9%04%AF>\n\
                   x DEBUG: Got message 2: <1414 +996700123456 udh %05%00%03%07%02%02 data %04%AF>\n\
                   x DEBUG: Got message 3: <1414 +996700123456 udh %05%00%03%07%02%01 data %04%A3%00+>\n";
        let got = parse_fakesmsc(out);
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].text, "ңөү");
        assert_eq!(got[1].text, "ң ү");
    }
}
