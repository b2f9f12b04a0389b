/** The reference for start-up time: an empty Ink app that renders one line and exits. */
import React from 'react';
import { render, Text } from 'ink';

const app = render(<Text>ready</Text>);
app.unmount();
