/** The banner over whatever conversation is open while a page to the user waits for its acknowledgement. */
import {pageBannerRows, BANNER_ROWS} from '../layout/page-banner.js';
import type {IncomingPage} from '../state/pages.js';
import {Rows} from './Rows.js';

export function PageBanner({pages, width}: {readonly pages: readonly IncomingPage[]; readonly width: number}) {
	return <Rows rows={pageBannerRows(pages, width)} width={width} height={BANNER_ROWS} />;
}
