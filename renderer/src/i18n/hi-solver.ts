/**
 * The solver's texts in Hindi. The core writes each reason and note in English with the code and
 * figures behind it (core/optimizer/explain.ts, idle-rakes.ts, core/domain/plan-notes.ts); the
 * Hindi interface writes its own sentence from those (renderer/src/pages/Plan/reasonText.ts,
 * planNotes.ts).
 * Placeholders as in the catalogues: {name}.
 */
export const hiSolver = {
  // Unserved tonnes
  'no-inventory': 'किसी भी स्टॉकयार्ड में {product} का स्टॉक नहीं है',
  'stock-used-up': '{product} का स्टॉक दूसरे ऑर्डरों में लग चुका है',
  'unsplittable-short-stock': 'ऑर्डर बाँटा नहीं जा सकता और स्टॉक में {product} का केवल {stock} बचा है',
  dearer: 'अभी भेजने का सबसे सस्ता तरीका — {options} — उन्हें छोड़ने ({leave}) से महँगा है',
  cheaper: 'नहीं भेजा गया, जबकि {options} उन्हें छोड़ने ({leave}) से सस्ता होता',
  leave: 'दंड {penalty} + आस्थगित भाड़ा {deferred} = {total}',
  fill: 'रेक {rake} के खाली वैगन ({tonnes}) {rate} पर, उसकी देरी और लंबी लोडिंग सहित',
  rake: 'पूरा रेक {rake} {dest} तक, उसकी बिना भेजी माँग के {tonnes} के साथ, {rate} पर (पूरे रेक का भाड़ा, हैंडलिंग, देरी, डेमरेज), जबकि उन टनों को छोड़ने पर {leave}',
  road: '{stockyard} से {date} को सड़क द्वारा ({tonnes}) {rate} पर, देरी सहित',
  or: '; या ',
  noTwoPoint: 'कोई दो-बिंदु रेक (उसी कॉरिडोर के दूसरे गंतव्य के साथ) इन्हें ले जाकर पैसा नहीं बचाता',
  'rakes-busy': '{n} संगत {types} रेक दूसरे लोड ले जा रहे हैं ({dest} के लिए कोई लोड नहीं हो रहा)',
  'rakes-busy-dest':
    '{n} संगत {types} रेक दूसरे लोड ले जा रहे हैं ({dest} के लिए लोड हो रहे रेकों ({k}) में साइडिंग के स्टॉक से भरने लायक खाली वैगन नहीं हैं, या लंबी लोडिंग साइडिंग का कोई नियम तोड़ेगी)',
  'no-road': '{dest} तक सड़क से नहीं पहुँचा जा सकता',
  'block-no-siding-slot':
    '{n} खाली {types} रेकों को {product} तक पहुँचने वाली किसी साइडिंग में एक वैगन की लोडिंग के लिए भी ऐसा स्लॉट नहीं मिलता (कार्य के घंटे, एक साथ रेक) जो अवधि के भीतर समाप्त हो',
  // Rakes left idle
  'no-siding': 'कोई भी लोडिंग पॉइंट {wagonType} वैगन नहीं संभालता',
  'no-siding-slot':
    '{wagonType} संभालने वाली किसी भी साइडिंग में एक वैगन की लोडिंग के लिए भी ऐसा स्लॉट नहीं है (कार्य के घंटे, एक साथ रेक) जो अवधि के भीतर समाप्त हो',
  'no-demand':
    'ऐसा कोई बिना भेजा ऑर्डर नहीं जिसे इसके {wagonType} वैगन ले जा सकें, जिसका स्टॉक इसकी साइडिंग वाले स्टॉकयार्ड में हो और जिसकी डिलीवरी हैंडलिंग व देरी से अधिक मूल्य की हो',
  'idle-dearer':
    'इसका सबसे अच्छा लोड, {from} से {to} तक {tonnes}, {cost} का पड़ेगा (पूरे रेक का भाड़ा), जबकि उन टनों को छोड़ने पर {leave}',
  'idle-cheaper':
    'यह {from} से {to} तक {tonnes} {cost} में ले जा सकता है, जो उन्हें छोड़ने ({leave}) से कम है: योजना अंत तक सुधारी नहीं गई',
  twoPoint: '{dest} और {second} (दो-बिंदु रेक)',
  // Notes of the final improvement pass
  finalPassMoves:
    'अंतिम सुधार चरण ने {n} एकल बदलाव किए ({rake} रेक जोड़े, {road} सड़क लॉट जोड़े, {fill} खाली वैगन भरे, {move} रेकों के बीच या सड़क लॉट के बदलाव){reformed}, बचत {saved}।',
  finalPassReformed: ' और {reform} आंशिक खाली रेकों को नया लदान दिया',
  finalPassStopped: 'अंतिम सुधार चरण हर बदलाव आज़माने से पहले समय सीमा ({limit} s) पर रुक गया।',
  // Why a product should be made next (clauses of `because`)
  'production-short': 'खुले ऑर्डरों के लिए {product} की माँग उपयोग योग्य स्टॉक से {tonnes} अधिक है',
  'production-lack': 'स्टॉक की कमी से {product} का {tonnes} अपूर्ण',
  'production-need': '{product} के खुले ऑर्डरों को उपयोग योग्य स्टॉक से अधिक चाहिए',
  'production-forecast': 'अगले {days} दिनों की पूर्वानुमानित माँग खुले ऑर्डरों के बाद बचे स्टॉक से {tonnes} अधिक है ({source})',
  // Notes of the production suggestion (the detail stays as the core wrote it)
  'no-history': 'उत्पादन सुझाव केवल खुले ऑर्डरों से: संयंत्र के पास पूर्वानुमान के लिए माँग का इतिहास नहीं है।',
  'synthetic-history':
    'उत्पादन सुझाव केवल खुले ऑर्डरों से: संग्रहीत माँग इतिहास डेमो का कृत्रिम इतिहास है, जो केवल डेमो के काम आता है (--demo, या डेमो परिदृश्य)।',
  'no-forecast': 'उत्पादन सुझाव केवल खुले ऑर्डरों से: कोई माँग पूर्वानुमान नहीं — {why}।',
  included: 'उत्पादन सुझाव में {days} दिन का माँग पूर्वानुमान शामिल है ({source})।',
  failed: 'उत्पादन सुझाव केवल खुले ऑर्डरों से: माँग पूर्वानुमान विफल रहा ({error})।',
  // Notes of a re-plan: why its candidate is what it is (an unknown why stays as written), and the
  // rakes fitted around the kept ones
  replanned: 'आधार योजना से पुनर्योजित: {why}।',
  'replan-keep': 'आधार योजना रखी गई, केवल बाध्य बदलाव',
  'replan-keep + re-optimize': 'बिना बाध्य बदलाव वाले रेक रखे गए, बाकी फिर से अनुकूलित',
  'replan-locks only': 'लॉक किए गए और शुरू हो चुके निर्णय रखे गए, बाकी फिर से अनुकूलित',
  'fit-moved': 'रेक {rake}: {lp} पर लोडिंग {hours} h बाद की गई, रखे गए रेकों, साइडिंग बंदी और "अभी" से हटकर।',
  'fit-unserved': 'रेक {rake}: प्लेसमेंट से अवधि के अंत तक {lp} पर कोई खाली समय नहीं; इसका लोड अपूर्ण रहा।',
} as const;
