// The analyst of this tab's token (GET /api/me), for the header and the review forms.
import { createContext, useContext } from 'react';

/** The analyst's name; null until known. */
export const MeContext = createContext<string | null>(null);

/** The analyst of this tab's token, or null until known. */
export const useMe = () => useContext(MeContext);
