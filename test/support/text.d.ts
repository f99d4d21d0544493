// Text files imported by tests (jest.config.js transforms them to their text).
declare module '*.yml' {
	const text: string;
	export default text;
}
