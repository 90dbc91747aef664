import type { GateName } from '../../../core/contract/api/registry';
import type { CodeWords, HISTORY_NOUNS, JOB_WORDS, MODEL_REASON_EN } from '../../../core/contract/model-reasons';

/**
 * Why the model side refuses, in Hindi (core/contract/model-reasons.ts): keyed by the core's codes,
 * so a code added there without its Hindi fails the build. A refusal that joins several reasons
 * is written lead first, then the rest after a colon (lib/refusalText.ts). Placeholders: {name}.
 */
export const hiModelReasons: Record<keyof typeof MODEL_REASON_EN, string> = {
  'model-unknown': 'रजिस्ट्री में {model} नाम का कोई मॉडल नहीं है।',
  'model-no-version': 'मॉडल {model} का संस्करण {version} नहीं है (संस्करण: {versions})।',
  'model-no-alias': '{model} का कोई {alias} संस्करण नहीं है।',
  'model-file-missing': 'मॉडल फ़ाइल {file} नहीं मिली।',
  'model-file-damaged': 'मॉडल फ़ाइल {file} क्षतिग्रस्त है: इसकी सामग्री का हैश {actual}… है, अपेक्षित {expected}…।',
  'model-load-failed': '{model}@{version} लोड नहीं हो सका',
  'model-no-io': '{model}@{version}: ONNX ग्राफ़ में कोई इनपुट या आउटपुट नहीं है।',
  'model-output-mismatch':
    '{model}@{version} ने {rows} पंक्तियों × {outputs} आउटपुट के लिए {values} मान दिए: फ़ाइल अपने मैनिफ़ेस्ट से मेल नहीं खाती।',
  'smoke-failed': '{model}@{version} की परीक्षण भविष्यवाणी विफल रही',
  'smoke-not-finite': "{model}@{version}: परीक्षण भविष्यवाणी ने आउटपुट '{output}' के लिए {value} दिया।",
  'keeps-serving': '{model}@{version} सेवा देता रहेगा।',
  'stays-without-production': '{model} बिना प्रोडक्शन संस्करण के रहेगा।',
  'reload-none': '{model} का कोई प्रोडक्शन संस्करण नहीं है जिसे फिर से लोड किया जाए।',
  'reload-session-serves': '{model}@{version} का लोड किया हुआ सत्र सेवा देता रहेगा।',
  'reload-falls-back': 'अनुरोधों का उत्तर पिछला संस्करण या बेसलाइन देगा।',
  'evaluate-failed': 'मूल्यांकन नहीं हो सका',
  'already-production': '{model}@{version} पहले से प्रोडक्शन में है।',
  'gates-failed': '{model}@{version} {n} गेट में विफल रहा',
  'gate-failed': 'गेट {gate} ({summary})',
  'promote-override': 'आगे बढ़ने के लिए ओवरराइड और कारण के साथ प्रोडक्शन में भेजें।',
  'rollback-none': '{model} का कोई प्रोडक्शन संस्करण नहीं है जिससे वापस जाया जाए।',
  'rollback-first': '{model}@{version} पहला प्रोडक्शन संस्करण है: वापस जाने के लिए कोई पिछला संस्करण नहीं है।',
  'error-text': 'रनटाइम के अपने शब्दों में: “{error}”',
  'serving-no-production': '{model} का कोई प्रोडक्शन संस्करण नहीं है',
  'serving-skipped': '{model}@{version} छोड़ा गया',
  'serving-failed': '{model}@{version} उत्तर नहीं दे सका',
  'serving-baseline-answered': 'रजिस्ट्री की सरल बेसलाइन ({name}) ने उत्तर दिया',
  'serving-none-answers': '{model} के लिए कोई मॉडल उत्तर नहीं दे सकता, और इसकी कोई सरल बेसलाइन संग्रहीत नहीं है',
  'predict-input': '{model}@{version} अनुरोध की पंक्तियाँ नहीं ले सकता',
  'predict-too-many-rows': 'एक अनुरोध में बहुत अधिक पंक्तियाँ: {rows} (सीमा {limit})।',
  'input-missing': 'इनपुट कॉलम नहीं हैं: {columns}।',
  'input-not-numeric': "कॉलम '{column}' संख्यात्मक होना चाहिए।",
  'input-not-date': "कॉलम '{column}' में ISO तिथियाँ होनी चाहिए।",
  'cell-not-number': "{table} पंक्ति {row}, कॉलम '{column}': '{value}' संख्या नहीं है (कॉलम संख्यात्मक है)।",
  'cell-not-date': "{table} पंक्ति {row}, कॉलम '{column}': '{value}' ISO तिथि (YYYY-MM-DD) नहीं है।",
  'jobs-full-one': '1 {job} पहले से चल रहा है, एक साथ इतने ही चल सकते हैं; इसके पूरा होने पर इसे शुरू करें।',
  'jobs-full': '{n} {job} पहले से चल रहे हैं, एक साथ इतने ही चल सकते हैं; इनमें से एक के पूरा होने पर इसे शुरू करें।',
  'host-closing': 'RakePlan बंद हो रहा है।',
  'spec-unknown': "कोई मॉडल स्पेक '{spec}' नहीं है। स्पेक: {specs}।",
  'training-job-unknown': "कोई प्रशिक्षण कार्य '{id}' नहीं है।",
  'training-failed': '{model} का प्रशिक्षण विफल रहा',
  'training-csv-hidden':
    'इस CSV पर प्रशिक्षण नहीं हो सका (कोई कॉलम, पंक्ति या मान प्रशिक्षण का नियम तोड़ता है); कौन-सा, यह देखने के लिए टर्मिनल में इस पर `rakeplan train` चलाएँ।',
  'training-no-rows': 'प्रशिक्षण के लिए कोई पंक्ति नहीं है।',
  'training-too-few-rows': 'लक्ष्य वाली केवल {n} पंक्तियाँ: प्रशिक्षण और मूल्यांकन के लिए कम से कम {min} चाहिए।',
  'model-none-serving': 'रजिस्ट्री में कोई {model} मॉडल नहीं है (न पिन किया हुआ, न प्रोडक्शन में)',
  'model-beaten': '{model}@{version} होल्डआउट पर अपनी बेसलाइन से बेहतर नहीं है',
  'model-synthetic':
    '{model}@{version} संयंत्र के नहीं, कृत्रिम डेमो इतिहास पर प्रशिक्षित है; यह केवल डेमो को देता है (इसे --demo से माँगें)',
  'no-baseline-at-hand': 'कोई बेसलाइन उपलब्ध नहीं है (संयंत्र के पास इसका इतिहास नहीं है)',
  'baseline-synthetic-too': 'इसकी बेसलाइन भी उसी कृत्रिम इतिहास पर बनी थी, इसलिए परिदृश्य के अपने आँकड़े बने रहते हैं',
  'baseline-used': 'इसकी बेसलाइन ({name}) उपयोग की जाती है',
  'baseline-used-spread': 'इसकी बेसलाइन ({name}; P10/P90: गंतव्य के अनुभवजन्य क्वांटाइल) उपयोग की जाती है',
  'registry-baseline-used': 'रजिस्ट्री की सरल बेसलाइन ({name}) उपयोग की जाती है',
  'demand-no-plant-history': 'संयंत्र के पास माँग का कोई इतिहास नहीं है ({history})',
  'demand-none-for-scenario': 'परिदृश्य के गंतव्यों और उत्पादों का कोई माँग इतिहास नहीं है',
  'model-answer-failed': '{model} उत्तर नहीं दे सका',
  'demand-no-history': 'गंतव्य {destination} × उत्पाद {product} का कोई माँग इतिहास नहीं है।',
  'forecast-undo-none': 'इस परिदृश्य में पूर्वानुमान का कोई अद्यतन नहीं है जिसे पूर्ववत किया जाए।',
  'drift-no-reference': '{model} का प्रशिक्षण आँकड़ों वाला कोई प्रोडक्शन संस्करण नहीं है जिससे तुलना हो।',
  'drift-few-samples': '{n} नमूना इनपुट; कम से कम {min} चाहिए।',
  'drift-few-history': '{after} के बाद {n} {noun} दर्ज हुए; {model} ने जो सीखा उससे तुलना के लिए कम से कम {min} चाहिए।',
  'drift-no-trained-through':
    '{model} में न उसके प्रशिक्षण का अंतिम दिन दर्ज है, न प्रशिक्षण पंक्तियों की तिथियाँ, इसलिए कौन-सा इतिहास नया है यह नहीं बताया जा सकता; ड्रिफ़्ट जाँचने के लिए इसे फिर से प्रशिक्षित करें।',
  'drift-demo-history':
    'संग्रहीत इतिहास डेमो का बनाया हुआ इतिहास है; {model} ने संयंत्र के इतिहास से सीखा, इसलिए उससे केवल संयंत्र का इतिहास मिलाया जाता है।',
  'drift-history-unreadable': '{model} के प्रशिक्षण के बाद दर्ज इतिहास पढ़ा नहीं जा सका',
};

/** A full job slot's work, by the job's code the host sends, as one and as many. */
export const hiJobs: Record<keyof typeof JOB_WORDS, CodeWords> = {
  solve: 'सॉल्व (ऑप्टिमाइज़ या पुनर्योजना)',
  training: 'प्रशिक्षण',
  import: ['बड़ी फ़ाइल का आयात', 'बड़ी फ़ाइलों के आयात'],
  history: 'इतिहास कार्य (निर्यात या बनाया गया डेमो इतिहास)',
  batch: 'बैच स्कोरिंग',
  demandSeries: ['माँग शृंखला का पठन', 'माँग शृंखलाओं के पठन'],
  indent: ['रेक इंडेंट (दिखाया या निर्यात किया गया)', 'रेक इंडेंट (दिखाए या निर्यात किए गए)'],
};

/** What a history table records, by the table's code the drift check sends. */
export const hiNouns: Record<keyof typeof HISTORY_NOUNS, CodeWords> = {
  demand: 'दैनिक माँग रिकॉर्ड',
  rake_placements: 'रेक प्लेसमेंट',
  trips: 'यात्राएँ',
  loading_events: 'लोडिंग घटनाएँ',
  shipments: 'खेप',
};

export const hiGates: Record<GateName, string> = {
  'data-quality': 'डेटा गुणवत्ता',
  improvement: 'सुधार',
  stability: 'स्थिरता',
  consistency: 'संगति',
};
