// Placeholder until its issue-5 part lands; registered so the bundle and the wiring exist.
const CreateLead = () => null;

export default CreateLead;
