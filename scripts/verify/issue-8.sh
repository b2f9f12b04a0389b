#!/usr/bin/env bash
# Issue 8 ("The ledger and its inputs cannot be fooled"): re-tries defects 1-14 from outside, on fresh
# stores, through the CLI and `till headless`, with hand-edited files, SIGKILLs and (as root) a full 3 MB
# tmpfs. Prints what each step answered; docs/issue-8-verification.md quotes a run of it.
# Usage: scripts/verify/issue-8.sh REPO_DIR WORK_DIR   (WORK_DIR is emptied). Needs python3, xxd, script(1).
# FULL=DIR (optional, e.g. .bench/full from `npm run bench`) also tries 1b on a copy of a 1M-event store.
set -u
REPO=$1; W=$2
case "$W" in ""|/|"$HOME"|"$REPO") echo "WORK_DIR must be a scratch folder" >&2; exit 2;; esac
T="$REPO/bin/till.js"
rm -rf "$W" && mkdir -p "$W" && cd "$W" || exit 1
till() { node "$T" "$@"; }
hl() { node "$T" headless --data "$@"; }
# One line per reply: id ok error status total due [extras]
show() { node -e '
require("readline").createInterface({ input: process.stdin }).on("line", (l) => {
  const r = JSON.parse(l), s = r.state;
  const b = [r.id ?? "-", r.ok, r.error ? `${r.error.code}: ${r.error.message}` : "-", s.status, "total=" + s.total, "due=" + s.due];
  if (s.customer) b.push("points=" + JSON.stringify(s.customer.points));
  if (s.rewards) b.push("rewards=" + s.rewards.map((x) => x.reward).join(","));
  if (s.tenders?.length) b.push("tenders=" + s.tenders.map((t) => `${t.kind}:${t.amount}`).join(","));
  if (s.balance) b.push("balance=" + s.balance.balance);
  if (s.confirm) b.push("confirm=" + s.confirm.code);
  if (s.storeNotices) b.push("notices=" + s.storeNotices.map((n) => n.code).join(","));
  console.log(b.join(" | "));
});'; }
mkcfg() { node -e 'const f=process.argv[1];const c=JSON.parse(require("fs").readFileSync(f));const [k1,k2]=process.argv[2].split(".");if(k2)c[k1][k2]=process.argv[3];else c[k1]=process.argv[3];require("fs").writeFileSync(process.argv[4]||f,JSON.stringify(c,null,2))' "$@"; }
cat > redigest.mjs <<'EOF'
import { readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
const f = process.argv[2];
const body = readFileSync(f, 'utf8').split('\n').filter((l) => l !== '' && !l.startsWith('["end",'));
const h = createHash('sha256'); for (const l of body) h.update(`${l}\n`);
writeFileSync(f, [...body, JSON.stringify(['end', body.length, h.digest('hex')])].join('\n') + '\n');
EOF
cat > fakedate.mjs <<'EOF'
const shift = Number(process.env.FAKE_DAYS ?? 0) * 86400000; const Real = Date;
class Fake extends Real { constructor(...a) { if (a.length === 0) super(Real.now() + shift); else super(...a); } static now() { return Real.now() + shift; } }
globalThis.Date = Fake;
EOF
cat > append-event.mjs <<'EOF'
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash, randomUUID } from 'node:crypto';
const [dir, type, dataJson] = process.argv.slice(2);
const segs = readdirSync(`${dir}/journal`).filter((f) => f.endsWith('.jsonl')).sort();
const file = `${dir}/journal/${segs.at(-1)}`;
const text = readFileSync(file).toString('utf8').replace(/\0+$/, '');
const last = JSON.parse(text.trimEnd().split('\n').at(-1));
const seq = last.seq + 1, tx = randomUUID();
const body = `{"seq":${seq},"id":${JSON.stringify(randomUUID())},"type":${JSON.stringify(type)},"at":${JSON.stringify(new Date().toISOString())},"register":"R1","operator":"op1","tx":${JSON.stringify(tx)},"txIndex":1,"txCount":1,"data":${dataJson},"prev":${JSON.stringify(last.hash)}}`;
writeFileSync(file, text.replace(/\n?$/, '\n') + `${body.slice(0, -1)},"hash":"${createHash('sha256').update(body).digest('hex')}"}\n`);
console.log(`appended event ${seq} (${type}), correctly chained`);
EOF
SI='{"cmd":"sign_in","operator":"1","pin":"1234"}'

# ---- a base store: 1000.00 television, one 10.00 gift card
till init --data base >/dev/null
printf 'sku,barcode,name,price,category,tax_class\nTV,4006381333931,Television,1000.00,x,standard\n' > tv.csv
till import tv.csv --data base >/dev/null
till giftcard create --data base --value 10 --csv base-cards.csv >/dev/null
CODE=$(tail -1 base-cards.csv | cut -d, -f1)
edit_balance() { sed -i 's/"balance":1000,"history"/"balance":99999,"history"/' "$1/store.json"; }

echo "== 1a. card 10.00 set to 999.99 in store.json (plain edit)"
cp -r base d1a; edit_balance d1a
till journal verify --data d1a; echo "verify rc=$?"
printf '%s\n' '{"id":1,"cmd":"scan","code":"4006381333931"}' "{\"id\":2,\"cmd\":\"giftcard_pay\",\"code\":\"$CODE\",\"amount\":99999}" "{\"id\":3,\"cmd\":\"giftcard_pay\",\"code\":\"$CODE\"}" '{"id":4,"cmd":"card","reference":"A1"}' | hl d1a 2>d1a.err | show
echo "stderr: $(cat d1a.err)"
till store rebuild --data d1a; till giftcard show "$CODE" --data d1a | sed -n 2,3p; till journal verify --data d1a | tail -1

echo "== 1b. the same edit with a recomputed sha256 digest (forged snapshot)"
cp -r base d1b; edit_balance d1b; node redigest.mjs d1b/store.json
till journal verify --data d1b | tail -2
printf '%s\n' '{"id":1,"cmd":"scan","code":"4006381333931"}' "{\"id\":2,\"cmd\":\"giftcard_pay\",\"code\":\"$CODE\",\"amount\":99999}" '{"id":3,"cmd":"card","reference":"A1"}' '{"id":4,"cmd":"remove_payment","payment":"T1"}' "{\"id\":5,\"cmd\":\"giftcard_pay\",\"code\":\"$CODE\"}" '{"id":6,"cmd":"card","reference":"A1"}' | hl d1b 2>d1b.err | show
echo "stderr: $(cat d1b.err)"; echo "set aside: $(ls d1b | grep discarded)"
till giftcard show "$CODE" --data d1b | sed -n 2,3p; till journal verify --data d1b | tail -1
till backup bk1b --data d1b | head -1; echo "backup rc=${PIPESTATUS[0]}"
if [ -n "${FULL:-}" ]; then
  echo "== 1b at full scale: a copy of the 1M-event bench store ($FULL), a 10.00 card, the forged snapshot; the spend arrives before the proof is done"
  rm -rf f1b; cp -r "$FULL" f1b; till giftcard create --data f1b --value 10 --csv f1b-cards.csv >/dev/null; FC=$(tail -1 f1b-cards.csv | cut -d, -f1)
  edit_balance f1b; node redigest.mjs f1b/store.json; BC=$(node -e 'const d=(s)=>{let a=0;for(let i=0;i<12;i++)a+=Number(s[i])*(i%2?3:1);return s+((10-a%10)%10)};console.log(d("89"+"0".repeat(9)+"7"))')
  printf '%s\n' "{\"id\":1,\"cmd\":\"scan\",\"code\":\"$BC\"}" "{\"id\":2,\"cmd\":\"giftcard_check\",\"code\":\"$FC\"}" '{"id":3,"cmd":"balance_close"}' "{\"id\":4,\"cmd\":\"giftcard_pay\",\"code\":\"$FC\",\"amount\":1}" '{"id":5,"cmd":"card","reference":"A1"}' '{"id":6,"cmd":"state"}' \
    | node "$T" headless --data f1b 2>f1b.err | node -e 'const t0=Date.now();require("readline").createInterface({input:process.stdin}).on("line",(l)=>{const r=JSON.parse(l),s=r.state;console.log(`+${((Date.now()-t0)/1000).toFixed(1)}s`,r.id,r.ok,r.error?`${r.error.code}: ${r.error.message}`:"-",s.status,"due="+s.due,s.balance?"balance="+s.balance.balance:"",s.tenders?.length?"tenders="+s.tenders.map((x)=>`${x.kind}:${x.amount}`).join(","):"",s.storeNotices?"notices="+s.storeNotices.map((n)=>n.code).join(","):"")})'
  echo "stderr: $(cut -c1-300 f1b.err)"; rm -rf f1b
fi
echo "== 2. 100 points that expired 15 days ago (30-day expiry, credited 45 days ago)"
cp -r base d2
cat > prog.json <<'EOF'
{ "programs": [{ "id": "cc", "name": "Coffee Club", "start": "2020-01-01", "end": null, "decimals": 0, "step": 1, "expiryDays": 30,
    "rules": [ { "id": "base", "points": "1", "perAmount": "1.00" } ],
    "rewards": [ { "id": "five", "name": "5.00 off", "type": "fixed", "amount": "5.00", "cost": 100 } ] }], "tiers": null }
EOF
till loyalty program set prog.json --data d2 >/dev/null
till customer add --name "Ann Old" --phone 0901234567 --data d2
FAKE_DAYS=-45 node --import ./fakedate.mjs "$T" loyalty adjust 2700000000014 --points +100 --reason "45 days ago" --data d2
till customer show 2700000000014 --data d2 | sed -n 6p
printf '%s\n' '{"id":1,"cmd":"scan","code":"4006381333931"}' '{"id":2,"cmd":"scan","code":"2700000000014"}' '{"id":3,"cmd":"reward_apply","program":"cc","reward":"five"}' | hl d2 | show
till loyalty adjust 2700000000014 --points -50 --reason "spend expired" --data d2; echo "adjust -50 rc=$?"
till loyalty expire --data d2; till customer show 2700000000014 --data d2 | sed -n 6p

echo "== 3. six misses, then a new process with a valid code; one public code for unknown and mistyped"
cp -r base d3; till giftcard create --data d2 --value 5 --csv other.csv >/dev/null
OTHER=$(tail -1 other.csv | cut -d, -f1); BAD=${CODE:0:19}$([ "${CODE:19:1}" = X ] && echo Y || echo X)
{ for i in 1 2 3; do echo "{\"id\":\"unknown$i\",\"cmd\":\"giftcard_check\",\"code\":\"$OTHER\"}"; echo "{\"id\":\"badcheck$i\",\"cmd\":\"giftcard_check\",\"code\":\"$BAD\"}"; done; } | hl d3 | show
echo "{\"id\":\"valid-new-process\",\"cmd\":\"giftcard_check\",\"code\":\"$CODE\"}" | hl d3 | show
stat -c '%a %n' d3/giftcard-guesses.json
till giftcard show "$BAD" --data d3; till giftcard show "$OTHER" --data d3

echo "== 4. program files with typos"
mk() { cat > "$1"; till loyalty program set "$1" --data base; echo "rc=$?"; }
P='"id": "p", "name": "P", "start": "2025-01-01", "decimals": 0, "step": 1'
echo "{\"programs\":[{$P,\"rules\":[{\"id\":\"base\",\"points\":\"1\",\"perAmount\":\"1.00\"},{\"id\":\"b\",\"category\":\"c\",\"pointsPerUnit\":5,\"cumulativ\":true}],\"rewards\":[]}]}" | mk p4a.json
echo "{\"programs\":[{$P,\"rules\":[{\"id\":\"base\",\"points\":\"1\",\"perAmount\":\"1.00\"}],\"rewards\":[{\"id\":\"f\",\"name\":\"f\",\"type\":\"fixed\",\"amount\":\"5.00\",\"cost\":50,\"minBalanse\":100}]}]}" | mk p4b.json
echo "{\"programs\":[{$P,\"rules\":[{\"id\":\"b\",\"sku\":\"TV\",\"category\":\"x\",\"pointsPerUnit\":5}],\"rewards\":[]}]}" | mk p4c.json
echo "{\"programs\":[{$P,\"rules\":[{\"id\":\"base\",\"points\":\"1\",\"perAmount\":\"0\"}],\"rewards\":[]}]}" | mk p4d.json
echo "{\"programs\":[{$P,\"rules\":[],\"rewards\":[{\"id\":\"p\",\"name\":\"p\",\"type\":\"percent\",\"percent\":150,\"cost\":10}]}]}" | mk p4e.json
till loyalty program list --data base

echo "== 5. giftcard create --customer"
till giftcard create --data d2 --value 10 --customer CNOSUCH00000 --csv x1.csv; echo "rc=$? csv=$(ls x1.csv 2>/dev/null)"
till giftcard create --data d2 --value 10 --customer 2700000000014 --csv x2.csv; tail -1 x2.csv
C2=$(tail -1 x2.csv | cut -d, -f1)
printf '%s\n' '{"id":"no-customer","cmd":"scan","code":"4006381333931"}' "{\"id\":\"pay\",\"cmd\":\"giftcard_pay\",\"code\":\"$C2\"}" '{"id":"void","cmd":"void"}' '{"id":"with-customer","cmd":"scan","code":"4006381333931"}' '{"id":"attach","cmd":"scan","code":"2700000000014"}' "{\"id\":\"pay\",\"cmd\":\"giftcard_pay\",\"code\":\"$C2\"}" | hl d2 | show

echo "== 6. headless contract (demo store)"
rm -rf demo; timeout 15 node "$T" demo --data demo </dev/null >/dev/null 2>&1
A=51RVM0TCJQF2EW5S095P; cp -r demo d6
till giftcard create --data d6 --value 10 --csv b.csv >/dev/null; B=$(tail -1 b.csv | cut -d, -f1); till giftcard block "$B" --reason lost --data d6 >/dev/null
printf '%s\n' "$SI" '{"id":"idle-unknown-check","cmd":"giftcard_check","code":"GC000000000000000000X"}' "{\"id\":\"idle-unknown-scan\",\"cmd\":\"scan\",\"code\":\"GC${OTHER}\"}" '{"id":"sale","cmd":"scan","code":"101"}' \
  "{\"id\":\"blocked-scan\",\"cmd\":\"scan\",\"code\":\"GC$B\"}" '{"id":"unknown-check","cmd":"giftcard_check","code":"GC000000000000000000X"}' \
  "{\"id\":\"no-prefix\",\"cmd\":\"giftcard_check\",\"code\":\"$A\"}" '{"cmd":"balance_close"}' '{"id":"grouped","cmd":"giftcard_check","code":"51RV M0TC JQF2 EW5S 095P"}' '{"cmd":"balance_close"}' \
  "{\"id\":\"too-large\",\"cmd\":\"giftcard_pay\",\"code\":\"$A\",\"amount\":100000}" '{"id":"more","cmd":"scan","code":"101","qty":20}' \
  "{\"id\":\"pay-from-sale\",\"cmd\":\"giftcard_pay\",\"code\":\"$A\"}" "{\"id\":\"reserved\",\"cmd\":\"giftcard_pay\",\"code\":\"$A\"}" \
  '{"id":"rm","cmd":"remove_payment","payment":"T1"}' '{"cmd":"back"}' '{"id":"bad-phone","cmd":"customer_create","name":"X","phone":"12"}' \
  '{"id":"attach","cmd":"scan","code":"2700000000014"}' '{"id":"points-0","cmd":"reward_apply","program":"coffee-club","reward":"cashback","points":0}' \
  '{"id":"points--3","cmd":"reward_apply","program":"coffee-club","reward":"cashback","points":-3}' | hl d6 | show

echo "== 7. customer history"
cp -r demo d7; L=2700000000014
for i in $(seq 1 12); do till loyalty adjust $L --points +$i --reason "r$i" --data d7 >/dev/null; done
till customer block $L --reason "lost card" --data d7; till customer unblock $L --reason found --data d7; till customer regrade $L --tier silver --reason vip --data d7
till customer show $L --data d7 --per-page 6
till customer show $L --data d7 --per-page 6 --page 3 | tail -3
for c in "customer show $L" "customer find Lan" "giftcard show $A" "giftcard list" "loyalty program list"; do printf '%s --json: ' "$c"; till $c --json --data d7 | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log("valid JSON, keys:",Object.keys(JSON.parse(s)).join(",")))'; done

echo "== 8. closed pipes"
cp -r base d8
(for i in $(seq 1 300); do echo '{"cmd":"scan","code":"4006381333931"}'; echo "{\"cmd\":\"giftcard_pay\",\"code\":\"$CODE\",\"amount\":1}"; echo '{"cmd":"card","reference":"A1"}'; done) | hl d8 >/dev/null
for c in "giftcard show $CODE --per-page 1000" "giftcard show $CODE --per-page 1000 --json" "journal tail -n 2000" "journal tail -n 2000 --json"; do
  bytes=$(till $c --data d8 | wc -c); bash -c "node $T $c --data d8 2>p.err | head -3 >/dev/null; echo \"$c | head -3: output \$((${bytes})) bytes, rc=\${PIPESTATUS[0]}, stderr \$(wc -c < p.err) bytes\""; done
(for i in 1 2 3 4; do echo '{"cmd":"scan","code":"4006381333931"}'; echo '{"cmd":"pay"}'; echo '{"cmd":"exact"}'; sleep 0.3; done) | (node "$T" headless --data d8 2>h.err; echo "headless rc=$?" >h.rc) | head -n 3 >/dev/null
echo "headless | head -n 3: $(cat h.rc), stderr $(wc -c < h.err) bytes, lock left: $(ls d8/till.lock 2>/dev/null || echo none)"; till journal verify --data d8 | tail -1

damage() { python3 -c "
import sys; f='$1'; n=$2; b=open(f,'rb').read().split(b'\n'); i=b[n-1].index(b'Television'); b[n-1]=b[n-1][:i]+b'Televisiom'+b[n-1][i+10:]; open(f,'wb').write(b'\n'.join(b)); print('changed one byte in line', n)"; }
echo "== 9a. one byte changed in a sale line the snapshot covers"
cp -r base d9a
(for i in $(seq 1 300); do echo '{"cmd":"scan","code":"4006381333931"}'; echo "{\"cmd\":\"giftcard_pay\",\"code\":\"$CODE\",\"amount\":1}"; echo '{"cmd":"card","reference":"A1"}'; done) | hl d9a >/dev/null
echo "snapshot: $(head -c 300 d9a/store.json | grep -o '"pos":{[^}]*}')"
J=d9a/journal/00000001.jsonl; damage $J $(grep -an 'sale.committed' $J | sed -n 100p | cut -d: -f1); cp -r d9a d9a-ui
# The proof of the balances reads the whole journal in the background, starting 5 s after the store opens:
# poll the state once a second for up to 30 s and show the first reply that carries the notice.
(echo '{"id":1,"cmd":"scan","code":"4006381333931"}'; echo '{"id":2,"cmd":"pay"}'; echo '{"id":3,"cmd":"exact"}'; for i in $(seq 1 30); do sleep 1; echo "{\"id\":\"state+${i}s\",\"cmd\":\"state\"}"; done) | hl d9a 2>d9a.err | show | awk 'NR<=3 || (/notices=/ && !x++)'
echo "stderr: $(cat d9a.err)"; echo "till.log: $(cat d9a/till.log)"
script -qc "stty cols 120 rows 30; timeout 30 node $T start --data d9a-ui" /dev/null </dev/null >d9a.tty 2>&1; echo "till start (a copy), message line: $(sed 's/\x1b\[[0-9;?]*[a-zA-Z]//g' d9a.tty | grep -m1 -o 'Journal damaged[^…]*')"
till backup bk9a --data d9a 2>&1 | cut -c1-160; echo "backup rc=${PIPESTATUS[0]}, folder: $(ls -d bk9a 2>/dev/null || echo none)"
till journal verify --data d9a 2>&1 | cut -c1-250
till store rebuild --data d9a 2>&1 | cut -c1-200
till store repair --data d9a; till journal verify --data d9a | tail -1; till giftcard show "$CODE" --data d9a | sed -n 3p; till backup bk9a --data d9a | head -1
echo "== 9b. the same damage in a line that earlier runs had already checked (d8: 300 sales, opened and proven since)"
cp -r d8 d9; J=d9/journal/00000001.jsonl; damage $J $(grep -an 'sale.committed' $J | sed -n 100p | cut -d: -f1)
(echo '{"id":1,"cmd":"scan","code":"4006381333931"}'; echo "{\"id\":2,\"cmd\":\"giftcard_pay\",\"code\":\"$CODE\",\"amount\":100}"; echo '{"id":3,"cmd":"card","reference":"A1"}'; echo '{"id":4,"cmd":"remove_payment","payment":"T1"}'; echo '{"id":5,"cmd":"card","reference":"A1"}'; echo '{"id":6,"cmd":"next"}'; \
 echo '{"id":7,"cmd":"scan","code":"4006381333931"}'; echo '{"id":8,"cmd":"pay"}'; echo '{"id":9,"cmd":"exact"}'; echo '{"id":10,"cmd":"state"}') | hl d9 2>d9.err | show
echo "stderr: $(cat d9.err)"; echo "till.log: $(cat d9/till.log 2>/dev/null || echo none)"
script -qc "stty cols 120 rows 30; timeout 30 node $T start --data d9" /dev/null </dev/null >d9.tty 2>&1; echo "till start message line: $(sed 's/\x1b\[[0-9;?]*[a-zA-Z]//g' d9.tty | grep -m1 -o 'Journal damaged[^…]*' | cut -c1-120)"
till backup bk9 --data d9 2>&1 | cut -c1-160; echo "backup rc=${PIPESTATUS[0]}, folder: $(ls -d bk9 2>/dev/null || echo none)"
till journal verify --data d9 2>&1 | tail -2 | cut -c1-160
till store repair --data d9 | tail -4 | cut -c1-300
(echo "{\"id\":1,\"cmd\":\"giftcard_check\",\"code\":\"$CODE\"}"; echo '{"id":2,"cmd":"balance_close"}'; echo '{"id":3,"cmd":"scan","code":"4006381333931"}'; echo "{\"id\":4,\"cmd\":\"giftcard_pay\",\"code\":\"$CODE\",\"amount\":100}"; echo '{"id":5,"cmd":"card","reference":"A1"}') | hl d9 2>&1 | show
echo "== 10. torn tail after a power cut mid-line"
cp -r base d10; J=d10/journal/00000001.jsonl
python3 -c "
f='$J'; b=open(f,'rb').read().rstrip(b'\0'); last=[l for l in b.split(b'\n') if l][-1]; t=last.replace(b'\"seq\":3',b'\"seq\":4')[:len(last)//2]; open(f,'wb').write(b+t+b'\0'*4096); print('appended', len(t), 'bytes of a line, then zeros')"
echo '{"id":1,"cmd":"state"}' | hl d10 2>d10.err | show; echo "stderr: $(cat d10.err)"; echo "till.log: $(cat d10/till.log)"
echo '{"id":2,"cmd":"state"}' | hl d10 2>d10b.err | show; echo "second start stderr: $(wc -c < d10b.err) bytes"

echo "== 11. product CSV: control characters, extra columns, Latin-1, price; safe sums; a hand-made event"
till init --data d11 >/dev/null
printf 'sku,barcode,name,price,category,tax_class\nEVIL,4006381333931,Evil\x1bp\x00\x192 Cut\x1dV\x00,1.00,x,standard\nOK1,4006381333948,Coffee,2.50,x,standard\nCOMMA,4006381333955,Tea,1,25,x,standard\nHUGE,4006381333962,Gold,90071992547409.91,x,standard\nANSI,4006381333979,\x1b[2JClear,1.00,x,standard\n' > p.csv
till import p.csv --data d11; echo "rc=$?"
printf 'sku,barcode,name,price,category,tax_class\nLAT,4006381333986,Caf\xe9 cr\xe8me,1.00,x,standard\n' > l1.csv; till import l1.csv --data d11; echo "rc=$?"
mkcfg d11/till.config.json catalog.maxPrice 1.999; till import tv.csv --data d11; echo "maxPrice 1.999: rc=$?"
mkcfg d11/till.config.json catalog.maxPrice 9999999999999.99
printf 'sku,barcode,name,price,category,tax_class\nHUGE,4006381333962,Gold,9999999999999.99,x,standard\n' > h.csv; till import h.csv --data d11
printf '%s\n' '{"id":1,"cmd":"scan","code":"4006381333962","qty":5}' '{"id":2,"cmd":"scan","code":"4006381333962","qty":4}' '{"id":3,"cmd":"scan","code":"4006381333962"}' '{"id":4,"cmd":"pay"}' '{"id":5,"cmd":"confirm_accept"}' '{"id":6,"cmd":"card","reference":"A1","amount":9007199254740993}' '{"id":7,"cmd":"card","reference":"A1"}' | hl d11 | show
cp -r base d11e
node append-event.mjs d11e catalog.upserted '{"products":[{"sku":"EVIL","barcodes":["4006381333948"],"name":"Evil\u001bp\u0000\u0019\u00fa cut\u001dV\u0000 \u001b[2J","price":100,"category":"x","taxClass":"standard"}]}'
printf '%s\n' '{"id":1,"cmd":"scan","code":"4006381333948"}' '{"id":2,"cmd":"pay"}' '{"id":3,"cmd":"exact"}' | hl d11e > d11e.out
echo "headless names: $(grep -o '"name":"Evil[^"]*"' d11e.out | head -1); escaped control chars in replies: $(grep -c '\\u00[01][0-9a-f]' d11e.out)"
xxd -p d11e/receipts/R1-000001.bin | tr -d '\n' | fold -w2 | paste -sd' ' > b.hex
echo "receipt bytes: ESC p (1b 70) x$(grep -o '1b 70' b.hex | wc -l), GS V (1d 56) x$(grep -o '1d 56' b.hex | wc -l) (the receipt's own cut, last: $(tail -c 15 b.hex)), ESC [ (1b 5b) x$(grep -o '1b 5b' b.hex | wc -l)"

echo "== 12. currency codes at init and at start"
for cur in QQQ usd XXX ZWL VND KWD; do mkcfg base/till.config.json currency $cur cfg-$cur.json; rm -rf d12; till init --config cfg-$cur.json --data d12 >o12 2>&1; echo "$cur: rc=$? $(tr '\n' ' ' < o12 | cut -c1-170)"; done
cp -r base d12b; sed -i 's/"currency": "USD"/"currency": "QQQ"/' d12b/till.config.json; echo '{"cmd":"state"}' | hl d12b; echo "headless on a QQQ config: rc=$?"

echo "== 13. stale lock whose pid was reused"
cp -r base d13; sleep 60 & SP=$!
printf '%s\nboot=%s\nstart=%s\n' $SP "$(cat /proc/sys/kernel/random/boot_id)" 1 > d13/till.lock
echo '{"id":1,"cmd":"state"}' | hl d13 2>d13.err | show; echo "stderr: $(cat d13.err)"; kill $SP
(sleep 3 | node "$T" headless --data d13 >/dev/null 2>&1 &); sleep 2; echo '{"cmd":"state"}' | hl d13; echo "second till while one runs: rc=$?"; sleep 2
printf '%s\nboot=%s\nstart=%s\n' $$ 00000000-0000-0000-0000-000000000000 "$(awk '{print $22}' /proc/$$/stat)" > d13/till.lock
echo '{"cmd":"state"}' | hl d13 2>&1 >/dev/null

echo "== 14. file modes; a code typed without its prefix"
cp -r d11e d14; chmod 755 d14/receipts; chmod 644 d14/receipts/*
printf '%s\n' '{"id":1,"cmd":"scan","code":"4006381333931"}' '{"id":2,"cmd":"scan","code":"ABCDEFGHJKMN1234"}' "{\"id\":3,\"cmd\":\"scan\",\"code\":\"$OTHER\"}" '{"id":4,"cmd":"pay"}' '{"id":5,"cmd":"exact"}' | hl d14 | show
stat -c '%a %n' d14 d14/receipts d14/receipts/* d14/journal d14/journal/* d14/*.json

echo "== 11 (screen). till start in a pty on the store with the hand-made event: scan it, pay 5.00 cash"
cp -r d11e d11u; rm -rf d11u/receipts
(sleep 4; printf '4006381333948\r'; sleep 2; printf '+'; sleep 1.5; printf '5\r'; sleep 2.5) | script -qc "stty cols 100 rows 30; timeout 11 node $T start --data d11u" /dev/null > d11u.tty 2>&1
python3 - <<'PY'
import re
from collections import Counter
b=open('d11u.tty','rb').read()
print('terminal stream:', len(b), 'bytes; ESC p:', b.count(b'\x1bp'), ' GS:', b.count(b'\x1d'), ' ESC [2J:', b.count(b'\x1b[2J'), ' BEL:', b.count(b'\x07'))
c=Counter(re.sub(rb'[0-9]+', b'N', s).decode('latin1') for s in re.findall(rb'\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[^\[]', b))
print('escape sequences (all Ink\'s own):', dict(c.most_common(10)))
txt=re.sub(rb'\x1b\[[0-9;?]*[ -/]*[@-~]', b'', b).decode('utf8','replace')
print('line shown:', next((l.strip() for l in txt.splitlines() if 'Evil' in l), None))
PY
xxd -p d11u/receipts/*.bin | tr -d '\n' | fold -w2 | paste -sd' ' > u.hex; echo "receipt $(ls d11u/receipts/*.bin): ESC p x$(grep -o '1b 70' u.hex | wc -l), GS V x$(grep -o '1d 56' u.hex | wc -l)"

echo "== crash: 30 SIGKILLs from outside during continuous sales"
cp -r base dk; : > acked.txt
for k in $(seq 1 30); do
  (for i in $(seq 1 200); do echo '{"cmd":"scan","code":"4006381333931"}'; echo '{"cmd":"pay"}'; echo '{"cmd":"exact"}'; echo '{"cmd":"next"}'; done) | node "$T" headless --data dk > kill$k.out 2>/dev/null &
  NP=$!; sleep 0.$((RANDOM % 9 + 5)); kill -9 $NP 2>/dev/null; wait $NP 2>/dev/null
  node -e 'for (const l of require("fs").readFileSync(process.argv[1],"utf8").split("\n")) { try { const r=JSON.parse(l); if (r.state?.status==="committed" && r.state.lastSale) console.log(r.state.lastSale.saleId); } catch {} }' kill$k.out >> acked.txt
  till journal verify --data dk >/dev/null 2>&1 || echo "kill $k: journal verify FAILED"
done
till journal tail -n 100000 --json --data dk | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const sales=s.trim().split("\n").map(l=>JSON.parse(l)).filter(e=>e.type==="sale.committed").map(e=>e.tx);const acked=new Set(require("fs").readFileSync("acked.txt","utf8").split("\n").filter(Boolean));const set=new Set(sales);console.log("after 30 kills: journal verify OK after each unless said above; sales in journal",sales.length,"distinct",set.size,"; acknowledged",acked.size,"; acknowledged but missing",[...acked].filter(a=>!set.has(a)).length)})'
echo "notices logged: $(cut -d' ' -f3 dk/till.log | sort | uniq -c | tr '\n' ' ')"

echo "== disk full on a 3 MB tmpfs"
mkdir -p tm && if mount -t tmpfs -o size=3m tmpfs tm 2>/dev/null; then
  till init --data tm/s >/dev/null && till import tv.csv --data tm/s >/dev/null
  node -e 'const f="tm/s/till.config.json";const c=JSON.parse(require("fs").readFileSync(f));c.storage.segmentBytes=65536;require("fs").writeFileSync(f,JSON.stringify(c,null,2))'
  AV=$(df -k tm | tail -1 | awk '{print $4}'); dd if=/dev/zero of=tm/fill bs=1k count=$((AV-200)) 2>/dev/null; echo "free before selling: $(df -k tm | tail -1 | awk '{print $4}') KiB"
  rm -f fifo; mkfifo fifo; node "$T" headless --data tm/s < fifo > df.out 2>df.err & HP=$!; exec 7>fifo
  n=0; for i in $(seq 1 400); do printf '%s\n' '{"cmd":"scan","code":"4006381333931"}' '{"cmd":"pay"}' "{\"id\":$i,\"cmd\":\"exact\"}" >&7; sleep 0.05; if grep -q '"commit_failed"' df.out; then n=$i; break; fi; done; sleep 0.5
  echo "sale $n: $(grep "\"id\":$n," df.out | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const r=JSON.parse(s);console.log(r.ok,r.error.code,"-",r.error.message,"| status",r.state.status,"| lines",r.state.lines.length,"tenders",r.state.tenders.length)})')"
  echo '{"id":"retry-still-full","cmd":"commit"}' >&7; sleep 0.5; rm -f tm/fill; echo '{"id":"retry-after-freeing","cmd":"commit"}' >&7; sleep 1; exec 7>&-; wait $HP; echo "headless rc=$?"
  grep -E '"id":"retry' df.out | show
  till journal verify --data tm/s | tail -1; echo "sales in journal: $(grep -ac sale.committed tm/s/journal/*.jsonl | awk -F: '{s+=$2} END {print s}'), acknowledged: $(grep -c '"status":"committed"' df.out)"
  umount tm
else echo "cannot mount a tmpfs here: disk full not tried"; fi
