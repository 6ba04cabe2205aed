/* Interface strings in Arabic (default) and English. Document text is never translated. */
"use strict";
window.MARSAD_I18N = {
  ar: {
    app_title: "مرصد", lang_toggle: "English",
    nav_documents: "الوثائق", nav_events: "الأحداث", nav_map: "الخريطة", nav_timeline: "الخط الزمني", nav_graph: "شبكة الفاعلين",
    sign_in: "تسجيل الدخول", sign_out: "تسجيل الخروج", user_name: "اسم المستخدم", password: "كلمة المرور",
    search_ph: "ابحث في الوثائق…", f_actor: "فاعل", f_place: "مكان", f_type: "نوع الحدث", f_from: "من", f_to: "إلى",
    review_any: "كل حالات المراجعة", st_unreviewed: "غير مراجَع", st_accepted: "مقبول", st_edited: "معدَّل", st_rejected: "مرفوض",
    apply: "تطبيق", clear: "مسح", export: "تصدير:", reviewed_only: "المراجَع فقط",
    prev: "السابق", next: "التالي", documents_total: "{n} وثيقة", events_total: "{n} حدث",
    lg_org: "منظمة/جماعة", lg_person: "شخص", lg_place: "مكان", lg_time: "زمن", lg_trigger: "كلمة الحدث", lg_evidence: "الدليل",
    new_event: "حدث جديد من التحديد", doc_events: "أحداث الوثيقة", accept: "قبول", reject: "رفض",
    fld_type: "النوع", fld_mode: "الأسلوب", fld_actor1: "الفاعل الأول", fld_actor2: "الفاعل الثاني", fld_place: "المكان",
    fld_date: "التاريخ", fld_fatalities: "القتلى", note: "ملاحظة", save: "حفظ", search: "بحث",
    entity_search_ph: "ابحث عن فاعل أو مكان…", duplicate_of: "مكرر للحدث رقم", merge: "دمج", audit: "سجل التدقيق",
    actors: "الفاعلون", trigger: "كلمة الحدث", review_state: "المراجعة", online_tiles: "خرائط أساس من الإنترنت (OpenStreetMap)",
    none: "—", event_n: "الحدث #{n}", open_event: "افتح الحدث", bidi_warning: "تحذير: يحتوي النص على {n} من محارف التحكم في الاتجاه",
    select_text_first: "حدّد نصاً في الوثيقة أولاً", created: "أُنشئ الحدث #{n}", saved: "حُفظ", no_changes: "لا تغييرات",
    loading: "جارٍ التحميل…", error: "خطأ: {m}", wrong_login: "اسم المستخدم أو كلمة المرور غير صحيحة", no_results: "لا نتائج",
    set_actor1: "فاعل أول", set_actor2: "فاعل ثانٍ", set_place: "مكان", no_title: "(بلا عنوان)", merged: "دُمج في الحدث #{n}",
    events_count: "{n} حدث", signed_in_as: "{u} ({r})", unknown: "(غير معروف)"
  },
  en: {
    app_title: "marsad", lang_toggle: "العربية",
    nav_documents: "Documents", nav_events: "Events", nav_map: "Map", nav_timeline: "Timeline", nav_graph: "Actor graph",
    sign_in: "Sign in", sign_out: "Sign out", user_name: "User name", password: "Password",
    search_ph: "Search documents…", f_actor: "Actor", f_place: "Place", f_type: "Event type", f_from: "From", f_to: "To",
    review_any: "Any review state", st_unreviewed: "Unreviewed", st_accepted: "Accepted", st_edited: "Edited", st_rejected: "Rejected",
    apply: "Apply", clear: "Clear", export: "Export:", reviewed_only: "Reviewed only",
    prev: "Previous", next: "Next", documents_total: "{n} documents", events_total: "{n} events",
    lg_org: "Org/group", lg_person: "Person", lg_place: "Place", lg_time: "Time", lg_trigger: "Trigger", lg_evidence: "Evidence",
    new_event: "New event from selection", doc_events: "Events in this document", accept: "Accept", reject: "Reject",
    fld_type: "Type", fld_mode: "Mode", fld_actor1: "Actor 1", fld_actor2: "Actor 2", fld_place: "Place",
    fld_date: "Date", fld_fatalities: "Fatalities", note: "Note", save: "Save", search: "Search",
    entity_search_ph: "Find an actor or place…", duplicate_of: "Duplicate of #", merge: "Merge", audit: "Audit trail",
    actors: "Actors", trigger: "Trigger", review_state: "Review", online_tiles: "Online base tiles (OpenStreetMap)",
    none: "—", event_n: "Event #{n}", open_event: "Open event", bidi_warning: "Warning: the text contains {n} bidi control characters",
    select_text_first: "Select some text in the document first", created: "Created event #{n}", saved: "Saved", no_changes: "No changes",
    loading: "Loading…", error: "Error: {m}", wrong_login: "Wrong user name or password", no_results: "No results",
    set_actor1: "actor 1", set_actor2: "actor 2", set_place: "place", no_title: "(untitled)", merged: "Merged into event #{n}",
    events_count: "{n} events", signed_in_as: "{u} ({r})", unknown: "(unknown)"
  }
};
