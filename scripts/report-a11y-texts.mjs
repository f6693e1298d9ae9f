// The words of the accessibility report (scripts/report-a11y.mjs): WCAG 2.1's success criteria at level A
// and AA with their Swedish names (as in the Swedish translation of WCAG 2.1 that Digg refers to), and for
// each, what the kit does about it where no automatic check of the report tries it.

/** @type {Record<string, { name: string; level: 'A' | 'AA'; why: string }>} */
export const CRITERIA = {
  '1.1.1': { name: 'Icke-textinnehåll', level: 'A', why: 'prövas av axe och tillgänglighetsträdet (QR-koden).' },
  '1.2.1': { name: 'Enbart ljud och enbart video (förinspelat)', level: 'A', why: 'komponenterna visar inget ljud eller video.' },
  '1.2.2': { name: 'Undertexter (förinspelat)', level: 'A', why: 'komponenterna visar ingen video.' },
  '1.2.3': { name: 'Syntolkning eller mediaalternativ (förinspelat)', level: 'A', why: 'komponenterna visar ingen video.' },
  '1.2.4': { name: 'Undertexter (direktsänt)', level: 'AA', why: 'komponenterna visar ingen video.' },
  '1.2.5': { name: 'Syntolkning (förinspelat)', level: 'AA', why: 'komponenterna visar ingen video.' },
  '1.3.1': { name: 'Information och relationer', level: 'A', why: 'prövas av axe och tillgänglighetsträdet.' },
  '1.3.2': { name: 'Meningsfull ordningsföljd', level: 'A', why: 'ordningen i koden är den visade; fokusvandringen prövar den delvis, en människa bedömer resten.' },
  '1.3.3': { name: 'Sensoriska kännetecken', level: 'A', why: 'instruktionerna i kitet hänvisar inte till form, färg eller plats; texterna i kommunens e-tjänster behöver läsas av en människa.' },
  '1.3.4': { name: 'Visningsriktning', level: 'AA', why: 'komponenterna låser inte visningsriktningen; omflytningen vid 320 px prövar stående läge.' },
  '1.3.5': { name: 'Identifiera syftet med inmatning', level: 'AA', why: 'fälten för namn, adress, e-post och telefon har autocomplete; webbläsartesterna prövar det, rapporten räknar det inte.' },
  '1.4.1': { name: 'Användning av färg', level: 'A', why: 'fel och status sägs i text och med ikon, inte bara med färg; en människa bedömer kommunens tema.' },
  '1.4.2': { name: 'Ljudkontroll', level: 'A', why: 'komponenterna spelar inget ljud.' },
  '1.4.3': { name: 'Kontrast (minimum)', level: 'AA', why: 'prövas av axe; kommunens tema prövas med npm run theme-check.' },
  '1.4.4': { name: 'Ändra storlek på text', level: 'AA', why: 'storlekar anges i em/rem och följer sidans; omflytningen vid 320 px motsvarar 400 % förstoring av 1280 px.' },
  '1.4.5': { name: 'Bilder av text', level: 'AA', why: 'komponenterna använder inga bilder av text.' },
  '1.4.10': { name: 'Omflytning', level: 'AA', why: 'prövas vid 320 × 640 px.' },
  '1.4.11': { name: 'Kontrast för icke-textinnehåll', level: 'AA', why: 'prövas för fältkanter och fokusmarkering.' },
  '1.4.12': { name: 'Textavstånd', level: 'AA', why: 'prövas med de avstånd kriteriet anger.' },
  '1.4.13': { name: 'Innehåll vid hovring eller fokus', level: 'AA', why: 'komponenterna visar inget innehåll bara vid hovring eller fokus.' },
  '2.1.1': { name: 'Tangentbord', level: 'A', why: 'prövas av fokusvandringen och av varje komponenttest med tangentbord.' },
  '2.1.2': { name: 'Ingen tangentbordsfälla', level: 'A', why: 'dialogerna håller fokus medan de är öppna och släpper det när de stängs; webbläsartesterna prövar det.' },
  '2.1.4': { name: 'Kortkommandon med tecken', level: 'A', why: 'komponenterna har inga kortkommandon med enstaka tecken.' },
  '2.2.1': { name: 'Justerbar tidsgräns', level: 'A', why: 'varningen två minuter före utloggning (med "Fortsätt vara inloggad") prövas av webbläsartesterna.' },
  '2.2.2': { name: 'Pausa, stoppa, dölj', level: 'A', why: 'inget rör sig av sig självt utom QR-koden, som BankID kräver ska bytas varje sekund och som inte är text att läsa.' },
  '2.3.1': { name: 'Tre blinkningar eller under tröskelvärdet', level: 'A', why: 'inget blinkar.' },
  '2.4.1': { name: 'Förbigå block', level: 'A', why: 'gäller kommunens sida (hoppa till innehållet), inte komponenterna.' },
  '2.4.2': { name: 'Sidans titel', level: 'A', why: 'gäller kommunens sida; formuläret sätter inte sidans titel.' },
  '2.4.3': { name: 'Fokusordning', level: 'A', why: 'prövas av fokusvandringen.' },
  '2.4.4': { name: 'Syfte med länk (i sitt sammanhang)', level: 'A', why: 'prövas av axe för länkar utan namn; att namnen är begripliga bedömer en människa.' },
  '2.4.5': { name: 'Flera sätt', level: 'AA', why: 'gäller kommunens webbplats (sök, meny), inte komponenterna.' },
  '2.4.6': { name: 'Rubriker och etiketter', level: 'AA', why: 'prövas av tillgänglighetsträdet (namn = synlig etikett, stegens rubriker).' },
  '2.4.7': { name: 'Synligt fokus', level: 'AA', why: 'prövas av fokusvandringen och i tvingade färger.' },
  '2.5.1': { name: 'Pekargester', level: 'A', why: 'inget kräver gester med flera fingrar eller banor.' },
  '2.5.2': { name: 'Avbryta pekarinteraktion', level: 'A', why: 'komponenterna använder webbläsarens egna knappar och fält, som verkar när knappen släpps.' },
  '2.5.3': { name: 'Etikett i namn', level: 'A', why: 'prövas av tillgänglighetsträdet (namnet är den synliga etiketten).' },
  '2.5.4': { name: 'Rörelseaktivering', level: 'A', why: 'inget styrs av att enheten rörs.' },
  '3.1.1': { name: 'Sidans språk', level: 'A', why: 'gäller kommunens sida; komponenterna sätter lang på det de visar.' },
  '3.1.2': { name: 'Språk för delar', level: 'AA', why: 'komponenterna sätter lang på sina delar (svenska och engelska); axe prövar att värdet är giltigt.' },
  '3.2.1': { name: 'Fokus', level: 'A', why: 'inget byter sammanhang när ett fält får fokus; fokusvandringen ser det indirekt.' },
  '3.2.2': { name: 'Inmatning', level: 'A', why: 'frågor som visas eller döljs av ett svar ändrar inte sammanhanget; inget skickas utan att medborgaren väljer det.' },
  '3.2.3': { name: 'Konsekvent navigering', level: 'AA', why: 'gäller kommunens webbplats.' },
  '3.2.4': { name: 'Konsekvent identifiering', level: 'AA', why: 'samma funktion har samma namn i alla komponenter (en gemensam ordlista); en människa bedömer kommunens texter.' },
  '3.3.1': { name: 'Identifiering av fel', level: 'A', why: 'prövas av tillgänglighetsträdet (felet hör till fältet, ogiltigt markeras).' },
  '3.3.2': { name: 'Etiketter eller instruktioner', level: 'A', why: 'prövas av tillgänglighetsträdet och axe.' },
  '3.3.3': { name: 'Förslag vid fel', level: 'AA', why: 'felmeddelandena säger hur felet rättas (GOV.UK:s mönster); webbläsartesterna prövar texterna, en människa bedömer kommunens egna.' },
  '3.3.4': { name: 'Förhindra fel (juridiska, ekonomiska, data)', level: 'AA', why: 'varje e-tjänst har ett granskningssteg före inskickning och underskrift; webbläsartesterna prövar det.' },
  '4.1.1': { name: 'Parsning', level: 'A', why: 'komponenterna skapar DOM med Lit, inte HTML-text; kriteriet räknas som uppfyllt i WCAG 2.2.' },
  '4.1.2': { name: 'Namn, roll, värde', level: 'A', why: 'prövas av axe och tillgänglighetsträdet.' },
  '4.1.3': { name: 'Statusmeddelanden', level: 'AA', why: 'prövas av tillgänglighetsträdet (BankID-status i live-område).' },
};

/** What the checks cannot judge, and a person with assistive technology must. */
export const HUMAN_JUDGEMENT = [
  'Hur det låter och fungerar i skärmläsare (NVDA och JAWS med Chrome, Edge och Firefox, VoiceOver på Mac och iPhone, TalkBack på Android): att allt sägs i rätt ordning, inget sägs två gånger och att statusmeddelanden kommer lagom ofta.',
  'Att texterna är begripliga: etiketter, hjälptexter, felmeddelanden och e-tjänsternas egna texter (klarspråk).',
  'Att textalternativ och länktexter säger det de ska i sitt sammanhang, inte bara att de finns.',
  'Röststyrning (till exempel Dragon) och förstoringsprogram (ZoomText, Windows förstoringsglas) med kommunens sida runt komponenterna.',
  'BankID-appen och underskriften i den, som BankID ansvarar för.',
  'Kognitiv belastning: hur lång en e-tjänst är, hur steg och granskning känns för den som har svårt med koncentration eller minne.',
];

/** What the automatic checks leave out, so that nobody reads more into the figures than is there. */
export const KNOWN_LIMITS = [
  'Kontrollerna körs i Chromium; Firefox och Safari prövas inte automatiskt.',
  'Tillgänglighetsträdet är det Chromium ger skärmläsare; vad en viss skärmläsare gör av det prövas inte.',
  'Axe hittar omkring en tredjedel av de brister WCAG beskriver; de andra kontrollerna täcker fler, men inte allt.',
  'Kontrasten prövas med kitets standardfärger och med exempelteman; en kommuns eget tema prövas med npm run theme-check.',
  'Rapporten gäller komponenterna och demosidan, inte kommunens webbplats eller publiceringssystemets mall runt dem.',
];
