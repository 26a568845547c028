/**
 * Every word of the public locator, one dictionary per language. The taxonomy, capacity status and
 * unit labels come from `contracts` (`taxonomyTerms`, `capacityStatusLabels`, …) so the server, the
 * export and this page say the same thing.
 *
 * Plain words for a person who may be in crisis; person-first language throughout.
 */
export const locatorLanguages = ['en', 'es'] as const;
export type LocatorLanguage = (typeof locatorLanguages)[number];

const en = {
  htmlLang: 'en',
  brand: 'Continuum',
  title: 'Find treatment and support',
  intro:
    'Free and confidential. Search for treatment for opioid use, medications such as buprenorphine and methadone, naloxone and other support near you. You do not need an account.',
  skipToContent: 'Skip to main content',
  switchLanguage: 'Español',
  switchLanguageName: 'Ver esta página en español',
  crisisTitle: 'Need help right now?',
  crisisText: 'If someone may be overdosing or is in danger, call',
  naloxoneNote: 'Naloxone can reverse an opioid overdose; give it and call.',
  crisisLine: 'To talk with someone now (Suicide and Crisis Lifeline, 24/7), call or text',
  helpline: 'SAMHSA National Helpline (free, confidential, 24/7, English and Spanish):',
  crisisRegion: 'Urgent help',

  searchFormName: 'Search for services',
  placeLabel: 'ZIP code or town',
  placeHint: 'For example 97104 or Alder Falls.',
  useMyLocation: 'Use my location',
  locating: 'Finding your location…',
  nearYourLocation: 'Searching near your location.',
  locationDenied: 'Location sharing is turned off for this page, so we cannot use your location. Enter a ZIP code or town instead.',
  locationUnavailable: 'We could not find your location. Enter a ZIP code or town instead.',
  locationUnsupported: 'This browser cannot share your location. Enter a ZIP code or town instead.',
  radiusLabel: 'Distance',
  radiusOption: (miles: number) => `Within ${miles} miles`,
  search: 'Search',
  naloxoneButton: 'Find naloxone and harm-reduction sites',
  naloxoneHint: 'Free naloxone, syringe services and fentanyl test strips.',
  filtersTitle: 'Filters',
  filtersSummary: (active: number) => (active === 0 ? 'Filters' : active === 1 ? 'Filters (1 on)' : `Filters (${active} on)`),
  moreFilters: 'More filters: level of care, payment, language, people served',
  walkIn: 'Walk-in (no appointment needed)',
  telehealth: 'Telehealth (by phone or video)',
  openNow: 'Open now',
  hasCapacity: 'Has openings now',
  languageLabel: 'Language spoken',
  anyLanguage: 'Any language',
  clearFilters: 'Clear filters',
  enterPlace: 'Enter a ZIP code or town, or use your location.',
  zipInvalid: 'Enter a 5-digit ZIP code, for example 97104.',
  townTooShort: 'Enter the name of a town, for example Alder Falls.',
  placeNotFound: 'We could not find that ZIP code or town. Check the spelling, or try a nearby ZIP code.',
  searchFailed: 'The search did not work just now. Check your connection and try again.',

  resultsTitle: 'Results',
  searching: 'Searching…',
  resultCount: (count: number, place: string, miles: number) =>
    count === 0
      ? `No services found within ${miles} miles of ${place}.`
      : count === 1
        ? `1 service found within ${miles} miles of ${place}.`
        : `${count} services found within ${miles} miles of ${place}.`,
  showingFirst: (shown: number) => `Showing the ${shown} nearest.`,
  showMore: 'Show more results',
  noResultsHelp: 'Try a larger distance or fewer filters. The SAMHSA National Helpline can also help you find a place.',
  distance: (miles: number) => `${miles.toFixed(1)} miles away`,
  mapLabel:
    'Map of the results. Each numbered marker is a result in the list; choose one to go to it. Arrow keys pan, plus and minus zoom.',
  mapLegend: 'Numbers match the list. The red dot is where you searched from.',
  mapPlace: (place: string) => `Where you searched from: ${place}`,
  mapResult: (n: number, service: string, organization: string, distance: string) => `${n}. ${service}, ${organization}, ${distance}`,
  openNowBadge: 'Open now',
  closedNowBadge: 'Closed now',
  hoursNotListed: 'Hours not listed',
  hoursTitle: 'Hours',
  open24Hours: 'Open 24 hours',
  closed: 'Closed',
  call: (phone: string) => `Call ${phone}`,
  directions: 'Directions',
  directionsTo: (name: string) => `Directions to ${name}`,
  details: 'Details',
  detailsFor: (name: string) => `Details for ${name}`,
  walkInBadge: 'Walk-in',
  telehealthBadge: 'Telehealth',
  languagesTitle: 'Languages',
  offersTitle: 'Offers',
  paymentTitle: 'Payment accepted',

  capacityTitle: 'Openings',
  capacityOpen: (available: number, unit: string) => `${available} ${unit} open`,
  capacityWaitlistDays: (days: number) => (days === 1 ? 'about 1 day' : `about ${days} days`),
  capacityUpdated: (age: string) => `Updated ${age}`,
  capacityStaleUpdated: (age: string) => `Last update ${age}`,
  capacityNotReported: 'Openings not reported',

  detailsBack: 'Back to results',
  detailsNewSearch: 'New search',
  aboutService: 'About this service',
  aboutOrganization: 'About the organization',
  eligibility: 'Who can use it',
  ages: (min: number | null, max: number | null) =>
    min !== null && max !== null ? `Ages ${min} to ${max}` : min !== null ? `Ages ${min} and older` : `Ages up to ${max ?? ''}`,
  fees: 'Cost',
  contact: 'Contact',
  website: 'Website',
  email: 'Email',
  locationsTitle: 'Where',
  verifiedOn: (date: string) => `Listing checked by the provider on ${date}.`,
  verifiedLongAgo: (date: string) => `Listing last checked by the provider on ${date}. Call before you go.`,
  notVerified: 'This listing has not been checked by the provider recently. Call before you go.',
  serviceNotFound: 'We could not find this service. It may have closed or moved.',
  loading: 'Loading…',
  staffSignIn: 'Staff sign in',
  footerNote: 'Listings come from the providers in our network. Call ahead to confirm hours and openings.',
  days: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
  locale: 'en-US',
};

export type LocatorStrings = typeof en;

const es: LocatorStrings = {
  htmlLang: 'es',
  brand: 'Continuum',
  title: 'Encontrar tratamiento y apoyo',
  intro:
    'Gratis y confidencial. Busque tratamiento para el uso de opioides, medicamentos como buprenorfina y metadona, naloxona y otros apoyos cerca de usted. No necesita una cuenta.',
  skipToContent: 'Ir al contenido principal',
  switchLanguage: 'English',
  switchLanguageName: 'View this page in English',
  crisisTitle: '¿Necesita ayuda ahora mismo?',
  crisisText: 'Si alguien podría estar sufriendo una sobredosis o está en peligro, llame al',
  naloxoneNote: 'La naloxona puede revertir una sobredosis de opioides; úsela y llame.',
  crisisLine: 'Para hablar con alguien ahora (Línea de Prevención del Suicidio y Crisis, 24/7), llame o envíe un mensaje de texto al',
  helpline: 'Línea Nacional de Ayuda de SAMHSA (gratis, confidencial, 24/7, en inglés y español):',
  crisisRegion: 'Ayuda urgente',

  searchFormName: 'Buscar servicios',
  placeLabel: 'Código postal o ciudad',
  placeHint: 'Por ejemplo 97104 o Alder Falls.',
  useMyLocation: 'Usar mi ubicación',
  locating: 'Buscando su ubicación…',
  nearYourLocation: 'Buscando cerca de su ubicación.',
  locationDenied:
    'Compartir la ubicación está desactivado para esta página, así que no podemos usar su ubicación. Escriba un código postal o una ciudad.',
  locationUnavailable: 'No pudimos encontrar su ubicación. Escriba un código postal o una ciudad.',
  locationUnsupported: 'Este navegador no puede compartir su ubicación. Escriba un código postal o una ciudad.',
  radiusLabel: 'Distancia',
  radiusOption: (miles: number) => `A menos de ${miles} millas`,
  search: 'Buscar',
  naloxoneButton: 'Encontrar naloxona y servicios de reducción de daños',
  naloxoneHint: 'Naloxona gratis, servicios de jeringas y tiras de prueba de fentanilo.',
  filtersTitle: 'Filtros',
  filtersSummary: (active) => (active === 0 ? 'Filtros' : active === 1 ? 'Filtros (1 activo)' : `Filtros (${active} activos)`),
  moreFilters: 'Más filtros: nivel de atención, pago, idioma, personas atendidas',
  walkIn: 'Sin cita (no necesita hacer una cita)',
  telehealth: 'Telesalud (por teléfono o video)',
  openNow: 'Abierto ahora',
  hasCapacity: 'Tiene cupo ahora',
  languageLabel: 'Idioma',
  anyLanguage: 'Cualquier idioma',
  clearFilters: 'Borrar filtros',
  enterPlace: 'Escriba un código postal o una ciudad, o use su ubicación.',
  zipInvalid: 'Escriba un código postal de 5 dígitos, por ejemplo 97104.',
  townTooShort: 'Escriba el nombre de una ciudad, por ejemplo Alder Falls.',
  placeNotFound: 'No encontramos ese código postal o ciudad. Revise cómo está escrito o pruebe un código postal cercano.',
  searchFailed: 'La búsqueda no funcionó en este momento. Revise su conexión e inténtelo de nuevo.',

  resultsTitle: 'Resultados',
  searching: 'Buscando…',
  resultCount: (count, place, miles) =>
    count === 0
      ? `No se encontraron servicios a menos de ${miles} millas de ${place}.`
      : count === 1
        ? `Se encontró 1 servicio a menos de ${miles} millas de ${place}.`
        : `Se encontraron ${count} servicios a menos de ${miles} millas de ${place}.`,
  showingFirst: (shown) => `Se muestran los ${shown} más cercanos.`,
  showMore: 'Mostrar más resultados',
  noResultsHelp:
    'Pruebe una distancia mayor o menos filtros. La Línea Nacional de Ayuda de SAMHSA también puede ayudarle a encontrar un lugar.',
  distance: (miles) => `a ${miles.toFixed(1)} millas`,
  mapLabel:
    'Mapa de los resultados. Cada marcador con número es un resultado de la lista; elija uno para ir a él. Las flechas mueven el mapa; más y menos acercan y alejan.',
  mapLegend: 'Los números corresponden a la lista. El punto rojo es el lugar desde donde buscó.',
  mapPlace: (place) => `Lugar desde donde buscó: ${place}`,
  mapResult: (n, service, organization, distance) => `${n}. ${service}, ${organization}, ${distance}`,
  openNowBadge: 'Abierto ahora',
  closedNowBadge: 'Cerrado ahora',
  hoursNotListed: 'Horario no disponible',
  hoursTitle: 'Horario',
  open24Hours: 'Abierto las 24 horas',
  closed: 'Cerrado',
  call: (phone) => `Llamar al ${phone}`,
  directions: 'Cómo llegar',
  directionsTo: (name) => `Cómo llegar a ${name}`,
  details: 'Detalles',
  detailsFor: (name) => `Detalles de ${name}`,
  walkInBadge: 'Sin cita',
  telehealthBadge: 'Telesalud',
  languagesTitle: 'Idiomas',
  offersTitle: 'Ofrece',
  paymentTitle: 'Formas de pago',

  capacityTitle: 'Cupo',
  capacityOpen: (available, unit) => `${available} ${unit} disponibles`,
  capacityWaitlistDays: (days) => (days === 1 ? 'aproximadamente 1 día' : `aproximadamente ${days} días`),
  capacityUpdated: (age) => `Actualizado ${age}`,
  capacityStaleUpdated: (age) => `Última actualización ${age}`,
  capacityNotReported: 'Cupo no informado',

  detailsBack: 'Volver a los resultados',
  detailsNewSearch: 'Nueva búsqueda',
  aboutService: 'Sobre este servicio',
  aboutOrganization: 'Sobre la organización',
  eligibility: 'Quién puede usarlo',
  ages: (min, max) =>
    min !== null && max !== null ? `De ${min} a ${max} años` : min !== null ? `Desde ${min} años` : `Hasta ${max ?? ''} años`,
  fees: 'Costo',
  contact: 'Contacto',
  website: 'Sitio web',
  email: 'Correo electrónico',
  locationsTitle: 'Dónde',
  verifiedOn: (date) => `El proveedor revisó esta información el ${date}.`,
  verifiedLongAgo: (date) => `El proveedor revisó esta información por última vez el ${date}. Llame antes de ir.`,
  notVerified: 'El proveedor no ha revisado esta información recientemente. Llame antes de ir.',
  serviceNotFound: 'No encontramos este servicio. Puede que haya cerrado o cambiado de lugar.',
  loading: 'Cargando…',
  staffSignIn: 'Acceso para el personal',
  footerNote: 'La información viene de los proveedores de nuestra red. Llame antes para confirmar el horario y el cupo.',
  days: ['lunes', 'martes', 'miércoles', 'jueves', 'viernes', 'sábado', 'domingo'],
  locale: 'es-US',
};

export const locatorStrings: Record<LocatorLanguage, LocatorStrings> = { en, es };

export function isLocatorLanguage(value: string | null | undefined): value is LocatorLanguage {
  return value === 'en' || value === 'es';
}
